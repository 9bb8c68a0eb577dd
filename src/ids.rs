//! The names a scenario gives things, each its own type, so that one kind cannot be
//! passed where another is meant: a memory looked up among the lines heard, a line's key
//! sent to as a beat, a beat's id taken for a scenario's.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The name as written in the scenario file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(name: String) -> Self {
                $name(name)
            }
        }

        impl From<&str> for $name {
            fn from(name: &str) -> Self {
                $name(name.to_string())
            }
        }

        impl From<$name> for String {
            fn from(name: $name) -> String {
                name.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type! {
    /// A scenario's `id`: what links, saved progress, results files and the library know
    /// it by.
    ScenarioId
}

name_type! {
    /// The id of a beat or an ending (one namespace: a `goto` names either), and what a
    /// `goto`, a `next` and `start` name.
    NodeId
}

name_type! {
    /// A memory a reply leaves (`remember`), asked about with `remembers`.
    Memory
}

name_type! {
    /// The `key` of a line, asked about with `heard` when it was said to its end.
    LineKey
}
