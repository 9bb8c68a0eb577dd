//! Attune: the scenario engine, validator and scorer (pure Rust), and the web shell on wasm32.

pub mod analyzer;
pub mod authoring;
pub mod builtin;
pub mod catalog;
pub mod condition;
pub mod debrief;
pub mod decimal;
pub mod engine;
pub mod face;
pub mod graph;
pub mod ids;
pub mod lean;
pub mod playtest;
pub mod progress;
pub mod results;
pub mod saved;
pub mod scenario;
pub mod scorm;
pub mod shelf;
pub mod tomlread;
pub mod twine;
pub mod validate;
pub mod view;
pub mod workshop;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// In the browser, Talc instead of Rust's default allocator (dlmalloc): smaller, so the
/// first load carries less, and faster (measured: `scripts/bundle-size`, and the scoring
/// benchmark in Chromium, `tests/bench_web.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
