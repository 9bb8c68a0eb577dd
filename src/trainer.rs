//! The trainer's page (`trainer/` of the built site), built by Trunk as its own small
//! app so the trainee's first load never carries it.

fn main() {
    #[cfg(target_arch = "wasm32")]
    attune::web::trainer::start();
}
