//! `@mentions`: plain-text matching of the names of a thread's participants.
//! `@` followed by a participant's display name (letter case aside) is a
//! mention when it does not continue a word (so `anna@example.se` is not) and
//! the name is not followed by more of a word (`@Annabel` does not mention
//! Anna). Where several names match at one `@`, the longest wins, so
//! `@Anna Berg` mentions Anna Berg, not Anna. Other `@words` stay text.

use crate::kernel::ids::UserId;

/// Someone who may be mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentionable {
    pub id: UserId,
    pub name: String,
}

/// One mention in a text: its byte range (the `@` included) and who.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub id: UserId,
}

/// The mentions in `text`, in order.
pub fn find(text: &str, people: &[Mentionable]) -> Vec<Found> {
    let mut found = Vec::new();
    if people.is_empty() || !text.contains('@') {
        return found;
    }
    let mut from = 0;
    while let Some(offset) = text[from..].find('@') {
        let at = from + offset;
        let continues_word = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_');
        let after = at + 1;
        let best = if continues_word {
            None
        } else {
            people
                .iter()
                .filter(|p| !p.name.is_empty())
                .filter_map(|p| matched_len(&text[after..], &p.name).map(|len| (len, p.id)))
                .max_by_key(|(len, _)| *len)
        };
        match best {
            Some((len, id)) => {
                found.push(Found {
                    start: at,
                    end: after + len,
                    id,
                });
                from = after + len;
            }
            None => from = after,
        }
    }
    found
}

/// The people `text` mentions, each once, in order of first mention.
pub fn mentioned(text: &str, people: &[Mentionable]) -> Vec<UserId> {
    let mut ids = Vec::new();
    for found in find(text, people) {
        if !ids.contains(&found.id) {
            ids.push(found.id);
        }
    }
    ids
}

/// How many bytes of `rest` spell `name` (letter case aside) when what
/// follows does not continue the name's last word.
fn matched_len(rest: &str, name: &str) -> Option<usize> {
    let mut rest_chars = rest.char_indices();
    for expected in name.chars() {
        let (_, got) = rest_chars.next()?;
        if !got.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    let len = rest_chars.next().map_or(rest.len(), |(i, _)| i);
    let next = rest[len..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Mentionable> {
        [
            (1, "Anna"),
            (2, "Anna Berg"),
            (3, "Mads Østergaard"),
            (4, "Karin"),
        ]
        .into_iter()
        .map(|(id, name)| Mentionable {
            id: UserId(id),
            name: name.to_string(),
        })
        .collect()
    }

    #[test]
    fn a_participant_is_mentioned_by_name_in_any_letter_case() {
        assert_eq!(mentioned("Thanks @karin!", &people()), vec![UserId(4)]);
        assert_eq!(
            mentioned("@MADS ØSTERGAARD had the same problem", &people()),
            vec![UserId(3)]
        );
    }

    #[test]
    fn the_longest_name_at_an_at_sign_wins() {
        assert_eq!(mentioned("ask @Anna Berg", &people()), vec![UserId(2)]);
        assert_eq!(
            mentioned("ask @Anna, she knows", &people()),
            vec![UserId(1)]
        );
    }

    #[test]
    fn unknown_names_addresses_and_longer_words_are_not_mentions() {
        assert!(mentioned("write to anna@example.se", &people()).is_empty());
        assert!(mentioned("@Annabel and @Sven", &people()).is_empty());
        assert!(mentioned("no at sign here", &people()).is_empty());
        assert!(mentioned("a lone @ at the end @", &people()).is_empty());
    }

    #[test]
    fn each_person_is_told_once_and_ranges_cover_the_mention() {
        let text = "@Karin and @karin again, and @Anna";
        assert_eq!(mentioned(text, &people()), vec![UserId(4), UserId(1)]);
        let found = find(text, &people());
        assert_eq!(&text[found[0].start..found[0].end], "@Karin");
        assert_eq!(&text[found[2].start..found[2].end], "@Anna");
    }
}
