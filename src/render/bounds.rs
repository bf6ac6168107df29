//! Bounds on template rendering. A template runs on every page, so no template may make
//! laman crash, hang or exhaust memory. Two things in Tera have no bound of their own:
//! - a macro that calls itself, directly or through other macros, recurses until the
//!   stack overflows and the whole process aborts: such a cycle is refused when the
//!   templates are compiled ([`recursive_macro`]);
//! - `range()` makes as many items as asked (`range(end=2000000000)` grew past 20 GB):
//!   it is replaced by one that makes at most [`MAX_RANGE`] items, and at most
//!   [`RANGE_BUDGET`] items over all its calls while one page renders, so that nested
//!   loops are bounded too.
//!
//! Not bounded here: loops over the site's own data (pages, news), which are as large as
//! the content, and text grown by concatenation inside a bounded loop. Templates are the
//! Dinas's (`themes/`) or a site's with the Dinas's `custom_code` approval.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tera::ast::{Expr, ExprVal, Node};

/// The most items one `range()` makes.
pub const MAX_RANGE: usize = 10_000;

/// The most items all `range()` calls make while one page renders.
pub const RANGE_BUDGET: usize = 100_000;

thread_local! {
    /// Items `range()` may still make for the page rendering on this thread.
    static BUDGET: Cell<usize> = const { Cell::new(RANGE_BUDGET) };
}

/// Starts the budget of a page: call before each render.
pub fn start_page() {
    BUDGET.with(|b| b.set(RANGE_BUDGET));
}

/// Replaces Tera's `range` with the bounded one.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("range", range);
}

fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let int = |name: &str, default: Option<i64>| -> tera::Result<i64> {
        match args.get(name) {
            Some(v) => v
                .as_i64()
                .ok_or_else(|| tera::Error::msg(crate::msg!("range-whole", name = name))),
            None => {
                default.ok_or_else(|| tera::Error::msg(crate::msg!("range-required", name = name)))
            }
        }
    };
    let (start, end, step) = (
        int("start", Some(0))?,
        int("end", None)?,
        int("step_by", Some(1))?,
    );
    if step <= 0 {
        return Err(tera::Error::msg(crate::msg!("range-step")));
    }
    let count = if end > start {
        ((end as i128 - start as i128 + step as i128 - 1) / step as i128) as u128
    } else {
        0
    };
    if count > MAX_RANGE as u128 {
        return Err(tera::Error::msg(crate::msg!(
            "range-too-long",
            count = count.to_string(),
            max = MAX_RANGE.to_string()
        )));
    }
    let count = count as usize;
    let left = BUDGET.with(Cell::get);
    if count > left {
        return Err(tera::Error::msg(crate::msg!(
            "range-budget",
            max = RANGE_BUDGET.to_string()
        )));
    }
    BUDGET.with(|b| b.set(left - count));
    let items = (0..count).map(|i| tera::Value::from(start + (i as i64) * step));
    Ok(tera::Value::Array(items.collect()))
}

/// A macro that calls itself, directly or through others: its template and name, and
/// the chain of calls that comes back to it.
pub fn recursive_macro(tera: &tera::Tera) -> Option<(String, String, Vec<String>)> {
    // Calls between macros: (template, macro) -> the (template, macro)s its body calls.
    let mut calls: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let namespaces: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, ns)| (ns.as_str(), file.as_str()))
            .collect();
        for (macro_name, definition) in &template.macros {
            let mut found = Vec::new();
            nodes(&definition.body, &mut found);
            let callees = found
                .into_iter()
                .filter_map(|(ns, callee)| {
                    let file = if ns == "self" {
                        Some(name.as_str())
                    } else {
                        namespaces.get(ns.as_str()).copied()
                    };
                    file.map(|f| (f.to_string(), callee))
                })
                .collect();
            calls.insert((name.clone(), macro_name.clone()), callees);
        }
    }
    for start in calls.keys() {
        let mut path = vec![start.clone()];
        if cycle(&calls, start, &mut path, &mut BTreeSet::new()) {
            let chain = path.iter().map(|(t, m)| format!("{t}::{m}")).collect();
            return Some((start.0.clone(), start.1.clone(), chain));
        }
    }
    None
}

/// Whether a chain of calls from the last macro of `path` comes back to `start`.
fn cycle(
    calls: &BTreeMap<(String, String), BTreeSet<(String, String)>>,
    start: &(String, String),
    path: &mut Vec<(String, String)>,
    seen: &mut BTreeSet<(String, String)>,
) -> bool {
    let current = path.last().cloned().expect("a path starts with its macro");
    for next in calls.get(&current).into_iter().flatten() {
        if next == start {
            path.push(next.clone());
            return true;
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if cycle(calls, start, path, seen) {
                return true;
            }
            path.pop();
        }
    }
    false
}

/// The macro calls (namespace, name) anywhere in these nodes.
fn nodes(body: &[Node], found: &mut Vec<(String, String)>) {
    for node in body {
        match node {
            Node::VariableBlock(_, e) => expr(e, found),
            Node::Set(_, set) => expr(&set.value, found),
            Node::FilterSection(_, section, _) => {
                args(&section.filter.args, found);
                nodes(&section.body, found);
            }
            Node::Block(_, block, _) => nodes(&block.body, found),
            Node::Forloop(_, forloop, _) => {
                expr(&forloop.container, found);
                nodes(&forloop.body, found);
                nodes(forloop.empty_body.as_deref().unwrap_or_default(), found);
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expr(condition, found);
                    nodes(body, found);
                }
                if let Some((_, body)) = &branches.otherwise {
                    nodes(body, found);
                }
            }
            Node::MacroDefinition(_, definition, _) => nodes(&definition.body, found),
            _ => {}
        }
    }
}

fn args(args: &HashMap<String, Expr>, found: &mut Vec<(String, String)>) {
    for e in args.values() {
        expr(e, found);
    }
}

fn expr(e: &Expr, found: &mut Vec<(String, String)>) {
    value(&e.val, found);
    for filter in &e.filters {
        args(&filter.args, found);
    }
}

fn value(v: &ExprVal, found: &mut Vec<(String, String)>) {
    match v {
        ExprVal::MacroCall(call) => {
            found.push((call.namespace.clone(), call.name.clone()));
            args(&call.args, found);
        }
        ExprVal::Math(m) => {
            expr(&m.lhs, found);
            expr(&m.rhs, found);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, found);
            expr(&l.rhs, found);
        }
        ExprVal::In(i) => {
            expr(&i.lhs, found);
            expr(&i.rhs, found);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|e| expr(e, found)),
        ExprVal::FunctionCall(f) => args(&f.args, found),
        ExprVal::Array(items) => items.iter().for_each(|e| expr(e, found)),
        ExprVal::StringConcat(c) => c.values.iter().for_each(|v| value(v, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> tera::Tera {
        let mut tera = tera::Tera::default();
        register(&mut tera);
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        tera
    }

    #[test]
    fn macros_that_call_themselves_are_found() {
        let direct = tera(&[("m.html", "{% macro a() %}{{ self::a() }}{% endmacro a %}")]);
        let (file, name, chain) = recursive_macro(&direct).unwrap();
        assert_eq!((file.as_str(), name.as_str()), ("m.html", "a"));
        assert_eq!(chain, ["m.html::a", "m.html::a"]);
        let through = tera(&[
            ("m.html", "{% import \"n.html\" as n %}{% macro a(x) %}{% if x %}{{ n::b(y=1) }}{% endif %}{% endmacro a %}"),
            ("n.html", "{% import \"m.html\" as m %}{% macro b(y) %}{% for i in [1] %}{{ m::a(x=i) }}{% endfor %}{% endmacro b %}"),
        ]);
        assert!(recursive_macro(&through).is_some());
        let fine = tera(&[(
            "m.html",
            "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}b{% endmacro b %}",
        )]);
        assert_eq!(recursive_macro(&fine), None);
    }

    #[test]
    fn ranges_are_bounded_per_call_and_per_page() {
        let t = tera(&[
            ("big.html", "{% for i in range(end=2000000000) %}x{% endfor %}"),
            ("nested.html", "{% for i in range(end=1000) %}{% for j in range(end=1000) %}{% endfor %}{% endfor %}"),
            ("fine.html", "{% for i in range(start=2, end=9, step_by=3) %}{{ i }} {% endfor %}"),
        ]);
        let ctx = tera::Context::new();
        start_page();
        let e = t.render("big.html", &ctx).unwrap_err();
        assert!(format!("{e:?}").contains("at most 10000"), "{e:?}");
        start_page();
        let e = t.render("nested.html", &ctx).unwrap_err();
        assert!(
            format!("{e:?}").contains("in all while one page renders"),
            "{e:?}"
        );
        start_page();
        assert_eq!(t.render("fine.html", &ctx).unwrap(), "2 5 8 ");
    }
}
