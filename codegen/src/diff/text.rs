//! The text report: grouped by interface and layout, two lines a change: its class for the vendor and
//! what changed, then its rule ID, who it breaks and its workbook cell. Changes of 項番 alone (an item
//! added or removed renumbers those after it) are gathered into one per layout. Silenced changes are
//! listed last, each with the reason it was silenced.

use std::fmt;

use super::{Change, Class, ItemRef, Kind, Report, Target};
use crate::model::SectionKind;

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Breaking => "BREAKING",
            Class::Compatible => "compatible",
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::Renamed => "renamed",
            Kind::Moved => "moved",
        })
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |sources: &[super::SourceRef]| {
            let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
            if names.is_empty() { "-".to_owned() } else { names.join(", ") }
        };
        writeln!(f, "old: {}", names(&self.old))?;
        writeln!(f, "new: {}", names(&self.new))?;
        for (version, errors) in [("old", self.errors.old), ("new", self.errors.new)] {
            if errors > 0 {
                let s = if errors == 1 { "" } else { "s" };
                writeln!(f, "the {version} version has {errors} error{s} (on standard error): compared as read")?;
            }
        }
        if self.changes.is_empty() {
            writeln!(f, "no changes")?;
        } else {
            let s = &self.summary;
            writeln!(
                f,
                "{} breaking, {} compatible for the vendor; breaking the sender: {}, the receiver: {}",
                s.breaking, s.compatible, s.breaking_sender, s.breaking_receiver
            )?;
        }
        for interface in self.changes.chunk_by(|a, b| a.interface == b.interface) {
            writeln!(f, "\n{} {}", interface[0].interface, interface[0].interface_name)?;
            for layout in interface.chunk_by(|a, b| a.direction == b.direction) {
                let indent = match layout[0].direction {
                    Some(direction) => {
                        writeln!(f, "  {direction}")?;
                        "    "
                    }
                    None => "  ",
                };
                let renumbers = |c: &&Change| c.attribute == Some("no") && c.target == Target::Item;
                let renumbered: Vec<&Change> = layout.iter().filter(renumbers).collect();
                let collapse = renumbered.len() > 1;
                for change in layout.iter().filter(|c| !(collapse && renumbers(c))) {
                    writeln!(f, "{indent}{}", Line(change))?;
                    writeln!(f, "{indent}{:<10}  {}", "", Facts(change, true))?;
                }
                let renumbered = if collapse { renumbered } else { Vec::new() };
                if let Some(first) = renumbered.first() {
                    writeln!(
                        f,
                        "{indent}{:<10}  項番 renumbered: {} — {}",
                        first.class.to_string(),
                        renumbering(&renumbered),
                        first.reason
                    )?;
                    writeln!(f, "{indent}{:<10}  {}", "", Facts(first, false))?;
                }
            }
        }
        if !self.silenced.is_empty() {
            writeln!(f, "\nsilenced ({}):", self.silenced.len())?;
            for silenced in &self.silenced {
                let change = &silenced.change;
                writeln!(f, "  {} {}", change.layout_title(), Line(change))?;
                writeln!(f, "    {}", Facts(change, true))?;
                writeln!(f, "    silenced by {}: {}", silenced.entry, silenced.reason)?;
            }
        }
        Ok(())
    }
}

/// `ITEM_DIGITS_INCREASED · breaks the receiver (the vendor) · besshi13.xlsx [sheet] H9`: the rule,
/// who it breaks and (with `at`) where it is.
pub(super) struct Facts<'a>(pub &'a Change, pub bool);

impl fmt::Display for Facts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Facts(c, at) = *self;
        write!(f, "{} · breaks {}", c.rule.id, c.breaks())?;
        match &c.origin {
            Some(origin) if at => write!(f, " · {origin}"),
            _ => Ok(()),
        }
    }
}

/// `ボディ 03 → 04 取得結果, 05–12 → 06–13 (8 items, ファイル種別 … 介護被保険者証利用停止解除日)`: runs of
/// three or more items renumbered alike are written as one range.
fn renumbering(changes: &[&Change]) -> String {
    let items: Vec<(Option<SectionKind>, &ItemRef, &ItemRef)> =
        changes.iter().filter_map(|c| Some((c.section, c.old_item.as_ref()?, c.new_item.as_ref()?))).collect();
    let number = |no: &str| no.trim().parse::<i64>().ok();
    let follows = |a: &(Option<SectionKind>, &ItemRef, &ItemRef), b: &(Option<SectionKind>, &ItemRef, &ItemRef)| {
        a.0 == b.0
            && matches!((number(&a.1.no), number(&b.1.no)), (Some(x), Some(y)) if y == x + 1)
            && matches!((number(&a.2.no), number(&b.2.no)), (Some(x), Some(y)) if y == x + 1)
    };
    let mut parts = Vec::new();
    let mut section = None;
    for run in items.chunk_by(follows) {
        let (run_section, first_old, first_new) = run[0];
        let prefix = if run_section != section {
            section = run_section;
            run_section.map(|s| format!("{} ", s.spec_name())).unwrap_or_default()
        } else {
            String::new()
        };
        if run.len() < 3 {
            for (i, (_, old, new)) in run.iter().enumerate() {
                let prefix = if i == 0 { prefix.as_str() } else { "" };
                parts.push(format!("{prefix}{} → {} {}", old.no, new.no, new.name));
            }
        } else {
            let (_, last_old, last_new) = run[run.len() - 1];
            parts.push(format!(
                "{prefix}{}–{} → {}–{} ({} items, {} … {})",
                first_old.no,
                last_old.no,
                first_new.no,
                last_new.no,
                run.len(),
                first_new.name,
                last_new.name
            ));
        }
    }
    parts.join(", ")
}

/// One change as a line, without indentation: its class for the vendor, what changed and why.
pub(super) struct Line<'a>(pub &'a Change);

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<10}  {} — {}", self.0.class.to_string(), What(self.0), self.0.reason)
    }
}

/// What changed (`ボディ 06 レコード件数 [record_num]: 桁数 7 → 5`), without class or reason.
pub(super) struct What<'a>(pub &'a Change);

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        let what = match c.target {
            Target::Interface => "interface",
            Target::Layout => "layout",
            Target::Section => "section",
            Target::Item => "",
        };
        match c.target {
            Target::Item => {
                if let Some(section) = c.section {
                    write!(f, "{} ", section.spec_name())?;
                }
                write!(f, "{}: ", ItemLabel(c.old_item.as_ref(), c.new_item.as_ref()))?;
            }
            Target::Section => write!(f, "{} ", c.section.map_or("", |s| s.spec_name()))?,
            Target::Interface | Target::Layout => {}
        }
        match (c.kind, c.label) {
            (kind @ (Kind::Added | Kind::Removed), _) if what.is_empty() => write!(f, "{kind}")?,
            (kind @ (Kind::Added | Kind::Removed), _) => write!(f, "{what} {kind}")?,
            (kind, Some(label)) => {
                if kind != Kind::Changed {
                    write!(f, "{kind}: ")?;
                }
                write!(f, "{label} {} → {}", c.old.as_deref().unwrap_or("-"), c.new.as_deref().unwrap_or("-"))?;
            }
            (kind, None) => write!(f, "{kind}")?,
        }
        if let (Kind::Added, Some(new)) = (c.kind, &c.new) {
            write!(f, " ({new})")?;
        }
        if let (Kind::Removed, Some(old)) = (c.kind, &c.old) {
            write!(f, " ({old})")?;
        }
        Ok(())
    }
}

/// `09 介護保険被保険者番号 [body/care_insurer_number]`, showing old → new where they differ.
struct ItemLabel<'a>(Option<&'a ItemRef>, Option<&'a ItemRef>);

impl fmt::Display for ItemLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(item) = self.1.or(self.0) else { return Ok(()) };
        match (self.0, self.1) {
            (Some(old), Some(new)) if old.no != new.no => write!(f, "{}→{} {}", old.no, new.no, new.name)?,
            _ => write!(f, "{} {}", item.no, item.name)?,
        }
        if item.key.is_some() {
            match (self.0, self.1) {
                (Some(old), Some(new)) if old.path != new.path => write!(f, " [{} → {}]", old.path, new.path)?,
                _ => write!(f, " [{}]", item.path)?,
            }
        }
        Ok(())
    }
}
