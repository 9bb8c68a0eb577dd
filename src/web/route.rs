//! Where the app is: the route, kept in the URL's hash so links work on any static host.

/// Where the app is; kept in the URL's hash so links work on any static host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of scenarios.
    Library,
    /// Playing the scenario with this id.
    Play(crate::ids::ScenarioId),
    /// The trainee's progress on this device.
    Progress,
    /// A workshop link, with its query (read by [`crate::workshop::Workshop::read`]).
    Workshop(String),
}

impl Route {
    /// Reads `#/play/<id>`, `#/progress` and `#/workshop?<query>`; anything else is the
    /// library (the about page is a page of its own, `about.html`).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(query) = path.strip_prefix("workshop?") {
            return Route::Workshop(query.to_string());
        }
        match path.strip_prefix("play/") {
            Some(id) if !id.is_empty() => Route::Play(id.into()),
            _ => match path {
                "progress" => Route::Progress,
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
            Route::Workshop(query) => format!("{}{query}", crate::workshop::HASH),
        }
    }
}

/// The hash of the page's address now.
pub fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}
