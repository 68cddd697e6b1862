//! The embedded output templates (`templates/*.j2`). Undefined variables
//! are errors, so a template and its view model cannot drift apart silently.

use minijinja::{Environment, UndefinedBehavior};

const TEMPLATES: [(&str, &str); 2] = [
    ("diff.html.j2", include_str!("../../templates/diff.html.j2")),
    (
        "score.html.j2",
        include_str!("../../templates/score.html.j2"),
    ),
];

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, src) in TEMPLATES {
        // The embedded templates are compiled in tests; a failure here is a build defect.
        if let Err(e) = env.add_template(name, src) {
            panic!("embedded template {name} does not compile: {e}");
        }
    }
    env
}

/// Render an embedded template; errors name the template and line.
pub fn render(name: &str, ctx: minijinja::Value) -> Result<String, String> {
    let env = environment();
    let t = env.get_template(name).map_err(|e| e.to_string())?;
    t.render(ctx).map_err(|e| match e.line() {
        Some(line) => format!("{name}:{line}: {e}"),
        None => format!("{name}: {e}"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_templates_compile() {
        let env = super::environment();
        for (name, _) in super::TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }
}
