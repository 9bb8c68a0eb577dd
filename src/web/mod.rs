//! The Yew web shell: maps DOM events to engine actions and session state to HTML.
