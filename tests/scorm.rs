//! The SCORM 1.2 package's parts (`attune::scorm`); the whole package is tested in
//! scorm-again's runtime by tests/e2e/scorm.test.mjs.

use attune::scorm::{index, manifest, page, script, Options};

fn options() -> Options {
    Options {
        title: "Q&A <for> \"us\"".into(),
        scenarios: vec![],
        mode: Some("assessment".into()),
        pass_mark: Some(70),
    }
}

#[test]
fn the_manifest_is_scorm_1_2_escaped_and_lists_every_file() {
    let files = vec!["index.html".to_string(), "a&b.js".to_string()];
    let m = manifest(&options(), &files);
    assert!(m.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest"));
    assert!(m.contains("<schemaversion>1.2</schemaversion>"));
    assert!(m.contains("<title>Q&amp;A &lt;for&gt; &quot;us&quot;</title>"));
    assert!(m.contains("<adlcp:masteryscore>70</adlcp:masteryscore>"));
    assert!(m.contains("<file href=\"a&amp;b.js\"/>"));
    assert_eq!(m.matches("adlcp:scormtype=\"sco\"").count(), 1);
    // Without a pass mark there is no mastery score.
    let m = manifest(
        &Options {
            pass_mark: None,
            ..options()
        },
        &files,
    );
    assert!(!m.contains("masteryscore"));
}

#[test]
fn the_script_carries_the_settings_and_loads_before_the_app() {
    let s = script(&options());
    assert!(
        s.contains("{ passMark: 70, mode: 'assessment', title: 'QA for us' }"),
        "{}",
        &s[..1200]
    );
    let s = script(&Options::default());
    assert!(s.contains("{ passMark: null, mode: null, title: '' }"));
    let html = "<!doctype html><meta charset=utf-8><link rel=modulepreload href=\"./a.js\"><script type=module>x</script>";
    let out = page(html).unwrap();
    assert!(
        out.contains(
            "<meta charset=utf-8><script src=\"scorm.js\"></script><link rel=modulepreload"
        ),
        "{out}"
    );
    assert!(page("<html><body>no scripts</body></html>").is_err());
}

#[test]
fn the_index_is_cut_to_the_chosen_scenarios_and_an_unknown_one_is_named() {
    let text = include_str!("../assets/scenarios/index.toml");
    let (all, files) = index(text, &[]).unwrap();
    assert_eq!(files.len(), 6);
    assert_eq!(all.matches("[[scenario]]").count(), 6);
    let (one, files) = index(text, &["yes-and".into()]).unwrap();
    assert_eq!(files, ["yes-and.toml"]);
    assert_eq!(one.matches("[[scenario]]").count(), 1);
    let why = index(text, &["yes-adn".into()]).unwrap_err();
    assert!(
        why.contains("no scenario `yes-adn`; did you mean `yes-and`?"),
        "{why}"
    );
}
