//! Where the app is: the route, kept in the URL's hash so links work on any static host.

/// Where the app is; kept in the URL's hash so links work on any static host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of scenarios.
    Library,
    /// Playing the scenario with this id.
    Play(String),
    /// The trainee's progress on this device.
    Progress,
    /// What presence and listening mean here.
    About,
}

impl Route {
    /// Reads `#/play/<id>`; anything else is the library.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.strip_prefix("play/") {
            Some(id) if !id.is_empty() => Route::Play(id.to_string()),
            _ => match path {
                "progress" => Route::Progress,
                "about" => Route::About,
                _ => Route::Library,
            },
        }
    }

    /// The hash that leads here.
    pub fn hash(&self) -> String {
        match self {
            Route::Library => "#/".to_string(),
            Route::Play(id) => format!("#/play/{id}"),
            Route::Progress => "#/progress".to_string(),
            Route::About => "#/about".to_string(),
        }
    }
}

/// The hash of the page's address now.
pub fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}
