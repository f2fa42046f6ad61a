//! The report for CI: GitHub Actions workflow commands and JUnit XML.
//!
//! **GitHub** (`--format github`): one annotation a change, naming the workbook as `file` and the rule
//! ID and layout as `title`, the message saying what changed, why, who it breaks and at which sheet
//! and cell. A change breaking for the vendor is an `::error`, one breaking only the other side a
//! `::warning`; changes breaking neither side are not annotated. A last `::notice` gives the counts;
//! an ignore-file entry that matches nothing is a `::warning` on that file, and so is each error that
//! stops the comparison (an `::error`).
//!
//! ```text
//! ::error file=new/besshi13.xlsx,title=ITEM_DIGITS_INCREASED IF-I6-01-04-02 レスポンス::ボディ 04 処理結果詳細 [result_detail]: 桁数 150 → 300 — … (breaks the receiver (the vendor); [IF-I6-01-04-02_レスポンス] H12)
//! ::notice title=ltcip-codegen diff::1 breaking, 0 compatible for the vendor; breaking the sender: 0, the receiver: 1; silenced: 0
//! ```
//!
//! **JUnit** (`--format junit`): a test suite per interface, a test case per change (named by its rule
//! ID and what changed, its class name the layout title), a `<failure>` for a change breaking for the
//! vendor, `<skipped>` for a silenced one; every other case passes, with the details as
//! `<system-out>`.

use std::fmt::Write;

use super::text::What;
use super::{Change, Class, Report};
use crate::diag::{Diagnostic, Location, Severity};

/// The report as GitHub Actions workflow commands, with a warning for each of `warnings` (the ignore
/// file's entries that matched nothing).
pub fn github(report: &Report, warnings: &[Diagnostic]) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let command = match (change.class, change.sender.max(change.receiver)) {
            (Class::Breaking, _) => "error",
            (Class::Compatible, Class::Breaking) => "warning",
            (Class::Compatible, Class::Compatible) => continue,
        };
        let mut properties = Vec::new();
        if let Some(origin) = &change.origin {
            properties.push(format!("file={}", property(&origin.file)));
        }
        properties.push(format!("title={}", property(&format!("{} {}", change.rule.id, change.layout_title()))));
        let at = change.origin.as_ref().map(sheet_and_cell).unwrap_or_default();
        let message = format!("{} — {} (breaks {}{at})", What(change), change.reason, change.breaks());
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), data(&message));
    }
    for warning in warnings {
        out.push_str(&github_diagnostic(warning));
    }
    let s = &report.summary;
    let summary = format!(
        "{} breaking, {} compatible for the vendor; breaking the sender: {}, the receiver: {}; silenced: {}",
        s.breaking, s.compatible, s.breaking_sender, s.breaking_receiver, s.silenced
    );
    let _ = writeln!(out, "::notice title={}::{}", property("ltcip-codegen diff"), data(&summary));
    out
}

/// A diagnostic as a workflow command: `::error` or `::warning` (a note: `::notice`) on its file, its
/// sheet and cell in the message.
pub fn github_diagnostic(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let at = &diagnostic.location;
    let place: Vec<&str> = at.sheet.iter().chain(&at.cell).map(String::as_str).collect();
    let message = if place.is_empty() {
        diagnostic.message.clone()
    } else {
        format!("{}: {}", place.join(" "), diagnostic.message)
    };
    format!("::{command} file={},title={}::{}\n", property(&at.file), property("ltcip-codegen diff"), data(&message))
}

/// `; [IF-I6-01-04-02_レスポンス] H12`: the part of a location a `file=` property does not say.
fn sheet_and_cell(location: &Location) -> String {
    let mut text = String::new();
    if let Some(sheet) = &location.sheet {
        text.push_str(&format!(" [{sheet}]"));
    }
    if let Some(cell) = &location.cell {
        text.push_str(&format!(" {cell}"));
    }
    if text.is_empty() { text } else { format!(";{text}") }
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The report as a JUnit XML document.
pub fn junit(report: &Report) -> String {
    let mut interfaces: Vec<&str> = Vec::new();
    for change in report.changes.iter().chain(report.silenced.iter().map(|s| &s.change)) {
        if !interfaces.contains(&change.interface.as_str()) {
            interfaces.push(&change.interface);
        }
    }
    interfaces.sort_unstable();
    let failures = |changes: &mut dyn Iterator<Item = &Change>| changes.filter(|c| c.class == Class::Breaking).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total = report.changes.len() + report.silenced.len();
    let _ = writeln!(
        out,
        "<testsuites name=\"ltcip-codegen diff\" tests=\"{total}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        failures(&mut report.changes.iter()),
        report.silenced.len()
    );
    for interface in interfaces {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.interface == interface).collect();
        let silenced: Vec<&super::Silenced> =
            report.silenced.iter().filter(|s| s.change.interface == interface).collect();
        let name = changes.first().map_or_else(|| &silenced[0].change, |c| *c);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
            xml(&format!("{} {}", interface, name.interface_name)),
            changes.len() + silenced.len(),
            failures(&mut changes.iter().copied()),
            silenced.len()
        );
        for change in &changes {
            let details = details(change);
            testcase(&mut out, change);
            if change.class == Class::Breaking {
                let message = format!("breaking for the vendor; breaks {}", change.breaks());
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    change.rule.id,
                    xml(&message),
                    xml(&details)
                );
            } else {
                let _ = writeln!(out, "      <system-out>{}</system-out>", xml(&details));
            }
            out.push_str("    </testcase>\n");
        }
        for silenced in &silenced {
            testcase(&mut out, &silenced.change);
            let message = format!("silenced by {}: {}", silenced.entry, silenced.reason);
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", xml(&message));
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml(&details(&silenced.change)));
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn testcase(out: &mut String, change: &Change) {
    let file = change.origin.as_ref().map(|o| format!(" file=\"{}\"", xml(&o.file))).unwrap_or_default();
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\"{file}>",
        xml(&format!("{} {}", change.rule.id, What(change))),
        xml(&change.layout_title())
    );
}

/// `compatible for the vendor; breaks the sender (the service)`, the reason and the cell, one a line.
fn details(change: &Change) -> String {
    let mut text = format!("{} for the vendor; breaks {}\n{}", change.class, change.breaks(), change.reason);
    if let Some(origin) = &change.origin {
        text.push_str(&format!("\nat {origin}"));
    }
    text
}

/// Escapes text for XML 1.0 content and attribute values; characters XML 1.0 cannot hold at all
/// (control characters but tab, line feed and carriage return) become U+FFFD.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property, xml};

    #[test]
    fn xml_escapes_markup_quotes_and_control_characters() {
        assert_eq!(xml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
        assert_eq!(xml("1\n2\r3\t4"), "1&#10;2&#13;3&#9;4");
        assert_eq!(xml("x\u{0}y\u{1b}z\u{ffff}"), "x\u{fffd}y\u{fffd}z\u{fffd}");
        assert_eq!(xml("「成功」〜髙"), "「成功」〜髙");
    }

    #[test]
    fn workflow_commands_escape_percent_line_breaks_and_property_separators() {
        assert_eq!(data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(property("100% done\nnext: a, b"), "100%25 done%0Anext%3A a%2C b");
    }
}
