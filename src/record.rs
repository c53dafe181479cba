//! The display record: every value `schema.toml` marks `stored` (title, people, dateline,
//! date, …), but the body, kept in each document as one stored text value instead of one
//! stored value per field, as Elasticsearch keeps `_source`. A result shows ten of them:
//! tantivy reads a stored value through a field header, a type code and a reader call per
//! value (seventeen an article), where a record is one value whose entries are sliced in
//! place. The body stays a stored value of its own, after the record, so a result list
//! reads a document without it (`archive::WithoutBody`).
//!
//! An entry is the field's number, a kind byte and the value: a text as its length and its
//! bytes, a number as itself (zigzag for signed ones). Numbers and lengths are written six
//! bits a byte (`0x40` set on all but the last), so every byte outside a text is ASCII and
//! the whole record is UTF-8: tantivy stores it as a text and checks it once on reading, and
//! the entries are sliced out without checking each again. Field numbers are the index's own
//! (the record is written and read with one schema).

use tantivy::schema::Field;

/// The name of the stored text field that holds the record (not a `schema.toml` field:
/// `SchemaSpec::tantivy_schema` adds it, and the spec may not name a field so).
pub const RECORD_FIELD: &str = "record";

const TEXT: u8 = 0;
const U64: u8 = 1;
const I64: u8 = 2;
/// A date as Unix seconds (the index keeps dates to the second).
const DATE: u8 = 3;

/// One value of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Text(&'a str),
    U64(u64),
    I64(i64),
    /// Unix seconds.
    Date(i64),
}

/// Builds a record, entry by entry, in the order they are shown.
#[derive(Debug, Default)]
pub struct RecordWriter {
    text: String,
}

impl RecordWriter {
    pub fn with_capacity(bytes: usize) -> RecordWriter {
        RecordWriter { text: String::with_capacity(bytes) }
    }

    pub fn text(&mut self, field: Field, value: &str) {
        self.head(field, TEXT);
        self.number(value.len() as u64);
        self.text.push_str(value);
    }

    pub fn u64(&mut self, field: Field, value: u64) {
        self.head(field, U64);
        self.number(value);
    }

    pub fn i64(&mut self, field: Field, value: i64) {
        self.head(field, I64);
        self.number(zigzag(value));
    }

    pub fn date(&mut self, field: Field, unix_seconds: i64) {
        self.head(field, DATE);
        self.number(zigzag(unix_seconds));
    }

    pub fn finish(self) -> String {
        self.text
    }

    fn head(&mut self, field: Field, kind: u8) {
        self.number(u64::from(field.field_id()));
        self.text.push(char::from(kind));
    }

    /// Six bits a byte, low first; every byte below `0x80`, so one ASCII char.
    fn number(&mut self, mut value: u64) {
        while value >= 0x40 {
            self.text.push(char::from(0x40 | (value as u8 & 0x3f)));
            value >>= 6;
        }
        self.text.push(char::from(value as u8));
    }
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// The entries of a record, in order. A record that does not decode (a damaged store) ends
/// where it stops decoding, without a panic.
pub fn entries(record: &str) -> Entries<'_> {
    Entries { record, at: 0 }
}

/// Iterator of [`entries`].
pub struct Entries<'a> {
    record: &'a str,
    at: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (Field, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.record.len() {
            return None;
        }
        let entry = self.decode();
        if entry.is_none() {
            self.at = self.record.len();
        }
        entry
    }
}

impl<'a> Entries<'a> {
    fn decode(&mut self) -> Option<(Field, Value<'a>)> {
        let field = u32::try_from(self.number()?).ok()?;
        let kind = *self.record.as_bytes().get(self.at)?;
        self.at += 1;
        let value = match kind {
            TEXT => {
                let len = usize::try_from(self.number()?).ok()?;
                let end = self.at.checked_add(len)?;
                let text = self.record.get(self.at..end)?;
                self.at = end;
                Value::Text(text)
            }
            U64 => Value::U64(self.number()?),
            I64 => Value::I64(unzigzag(self.number()?)),
            DATE => Value::Date(unzigzag(self.number()?)),
            _ => return None,
        };
        Some((Field::from_field_id(field), value))
    }

    fn number(&mut self) -> Option<u64> {
        let bytes = self.record.as_bytes();
        let first = *bytes.get(self.at)?;
        if first < 0x40 {
            // One byte: field numbers, kinds and most lengths.
            self.at += 1;
            return Some(u64::from(first));
        }
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let byte = *bytes.get(self.at)?;
            self.at += 1;
            if byte >= 0x80 || shift > 60 {
                return None;
            }
            value |= u64::from(byte & 0x3f) << shift;
            if byte < 0x40 {
                return Some(value);
            }
            shift += 6;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `record` decodes to its end (every entry whole, every text cut at characters).
    fn check(record: &str) -> bool {
        let mut entries = entries(record);
        while entries.at < record.len() {
            if entries.decode().is_none() {
                return false;
            }
        }
        true
    }

    #[test]
    fn entries_read_back_in_order() {
        let (a, b, far) = (Field::from_field_id(3), Field::from_field_id(12), Field::from_field_id(300));
        let mut writer = RecordWriter::default();
        writer.text(a, "Harbour cranes idle");
        writer.text(b, "");
        writer.text(b, "Zoë Brandt");
        writer.u64(far, u64::MAX);
        writer.i64(a, -7);
        writer.date(b, 1_557_792_000);
        writer.text(a, &"x".repeat(300));
        writer.i64(b, i64::MIN);
        writer.u64(a, 63);
        writer.u64(a, 64);
        let record = writer.finish();
        assert!(check(&record));
        assert!(record[..4].is_ascii(), "field, kind and length are ASCII: {record:?}");
        let read: Vec<(Field, Value)> = entries(&record).collect();
        let long = "x".repeat(300);
        assert_eq!(
            read,
            [
                (a, Value::Text("Harbour cranes idle")),
                (b, Value::Text("")),
                (b, Value::Text("Zoë Brandt")),
                (far, Value::U64(u64::MAX)),
                (a, Value::I64(-7)),
                (b, Value::Date(1_557_792_000)),
                (a, Value::Text(&long)),
                (b, Value::I64(i64::MIN)),
                (a, Value::U64(63)),
                (a, Value::U64(64)),
            ]
        );
    }

    #[test]
    fn a_damaged_record_is_told_and_read_up_to_the_damage() {
        let field = Field::from_field_id(1);
        let mut writer = RecordWriter::default();
        writer.text(field, "first");
        writer.text(field, "Zoë");
        let record = writer.finish();
        // Cut inside the second text.
        for cut in [&record[..record.len() - 2], &record[..record.len() - 3]] {
            assert!(!check(cut), "{cut:?}");
            assert_eq!(entries(cut).collect::<Vec<_>>(), [(field, Value::Text("first"))]);
        }
        assert!(!check("\u{1}\u{9}"), "an unknown kind");
        assert!(!check("\u{1}\u{0}\u{7f}"), "a length past the end");
        assert!(!check("\u{1}\u{1}é"), "a number byte that is not ASCII");
        assert!(check(""));
    }
}
