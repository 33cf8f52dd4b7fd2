//! National identity numbers of Sweden, Denmark and Norway, each checked
//! as far as its rules allow: a real date (29 February only in leap
//! years), and the check digits where the number has them.

use chrono::{Datelike, NaiveDate};

pub fn luhn_valid(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            match (i % 2 == 1, d * 2) {
                (true, doubled) if doubled > 9 => doubled - 9,
                (true, doubled) => doubled,
                (false, _) => d,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

pub fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |acc, d| acc * 10 + u32::from(*d))
}

fn real_date(year: u32, month: u32, day: u32) -> bool {
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .is_some()
}

/// The full year of a two-digit year written today: at most 100 years
/// back (a Swedish `+` adds another hundred).
fn recent_year(two_digits: u32, over_hundred: bool) -> u32 {
    let this_year = u32::try_from(chrono::Utc::now().year()).unwrap_or(2026);
    let century = this_year / 100 * 100;
    let mut year = century + two_digits;
    if year > this_year {
        year -= 100;
    }
    if over_hundred {
        year -= 100;
    }
    year
}

/// Swedish personnummer or samordningsnummer (day + 60): YYMMDD-NNNC or
/// YYYYMMDD-NNNC, Luhn over the last ten digits. `separator` is what stood
/// between date and number: `-`, `+` (over a hundred years old), a space or none.
pub fn is_swedish(digits: &[u8], separator: Option<char>) -> bool {
    let ten = &digits[digits.len() - 10..];
    let month = number(&ten[2..4]);
    let mut day = number(&ten[4..6]);
    if day > 60 {
        day -= 60;
    }
    let year = if digits.len() == 12 {
        number(&digits[0..4])
    } else {
        recent_year(number(&ten[0..2]), separator == Some('+'))
    };
    let century_ok = digits.len() == 10 || (1800..=2100).contains(&year);
    century_ok && real_date(year, month, day) && luhn_valid(ten)
}

/// The year of a CPR number from its two-digit year and seventh digit.
fn cpr_year(two_digits: u32, seventh: u8) -> u32 {
    match seventh {
        0..=3 => 1900 + two_digits,
        4 | 9 if two_digits <= 36 => 2000 + two_digits,
        4 | 9 => 1900 + two_digits,
        _ if two_digits <= 57 => 2000 + two_digits,
        _ => 1800 + two_digits,
    }
}

/// A Danish CPR number's date: DDMMYY with the century of the seventh digit.
pub fn is_cpr_date(ten: &[u8]) -> bool {
    let year = cpr_year(number(&ten[4..6]), ten[6]);
    real_date(year, number(&ten[2..4]), number(&ten[0..2]))
}

/// The modulus-11 check CPR numbers had before 2007.
pub fn cpr_modulus_11(ten: &[u8]) -> bool {
    const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    ten.iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum::<u32>()
        % 11
        == 0
}

fn mod11_digit(digits: &[u8], weights: &[u32]) -> Option<u8> {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => u8::try_from(k).ok(),
    }
}

/// A Norwegian fødselsnummer or D-number (day + 40): DDMMYY, a three-digit
/// individual number giving the century, and two modulus-11 check digits.
pub fn is_norwegian(eleven: &[u8]) -> bool {
    const K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    if eleven.len() != 11 {
        return false;
    }
    let mut day = number(&eleven[0..2]);
    if day > 40 {
        day -= 40;
    }
    let month = number(&eleven[2..4]);
    let yy = number(&eleven[4..6]);
    let individual = number(&eleven[6..9]);
    let year = match (individual, yy) {
        (0..=499, _) => 1900 + yy,
        (500..=749, 54..=99) => 1800 + yy,
        (500..=999, 0..=39) => 2000 + yy,
        (900..=999, 40..=99) => 1900 + yy,
        _ => return false,
    };
    real_date(year, month, day)
        && mod11_digit(&eleven[..9], &K1) == Some(eleven[9])
        && mod11_digit(&eleven[..10], &K2) == Some(eleven[10])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect()
    }

    #[test]
    fn dates_are_real_dates() {
        // 29 February: 1984 was a leap year, 1983 was not.
        assert!(is_cpr_date(&digits("2902841234")));
        assert!(!is_cpr_date(&digits("2902831234")));
        assert!(!is_cpr_date(&digits("3104891234")), "31 April");
    }

    #[test]
    fn norwegian_numbers_have_two_check_digits() {
        // Skatteetaten's published test numbers.
        assert!(is_norwegian(&digits("01010750160")));
        assert!(is_norwegian(&digits("15076500565")));
        assert!(!is_norwegian(&digits("01010750161")));
        // D-number: day + 40.
        assert!(is_norwegian(&digits("41010750154")));
        assert!(!is_norwegian(&digits("41010750155")));
    }

    #[test]
    fn swedish_centenarians_use_a_plus() {
        assert!(is_swedish(&digits("1212121212"), Some('+')));
        assert!(is_swedish(&digits("8112189876"), None));
        assert!(!is_swedish(&digits("8112189875"), None));
    }
}
