//! The web app's entry point; Trunk builds it for wasm32.

fn main() {
    #[cfg(target_arch = "wasm32")]
    attune::web::start();
}
