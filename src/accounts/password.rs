//! Passwords: the policy (length plus zxcvbn's estimate, which carries the
//! common-password dictionaries) and argon2id hashing with OWASP's
//! parameters, run off the async workers on half the cores, so a
//! flood of logins cannot starve page serving.

use std::sync::{mpsc, Arc, Mutex, OnceLock};

use std::cell::RefCell;

use argon2::password_hash::{rand_core::OsRng, Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use zxcvbn::feedback::Warning;
use zxcvbn::Score;

use crate::kernel::error::AppError;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

/// Why a password was refused; each maps to a sentence a person understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    CommonPassword,
    SimilarToCommon,
    ContainsPersonalInfo,
    KeyboardPattern,
    Repeats,
    Sequence,
    DatesOrYears,
    SingleWordOrName,
    TooGuessable,
}

impl PasswordProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password-too-short",
            PasswordProblem::TooLong => "password-too-long",
            PasswordProblem::CommonPassword => "password-common",
            PasswordProblem::SimilarToCommon => "password-similar-common",
            PasswordProblem::ContainsPersonalInfo => "password-personal",
            PasswordProblem::KeyboardPattern => "password-keyboard",
            PasswordProblem::Repeats => "password-repeats",
            PasswordProblem::Sequence => "password-sequence",
            PasswordProblem::DatesOrYears => "password-dates",
            PasswordProblem::SingleWordOrName => "password-word",
            PasswordProblem::TooGuessable => "password-guessable",
        }
    }
}

/// Checks a new password. `user_inputs` (address, name) count as guessable words.
pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    let personal = user_inputs
        .iter()
        .flat_map(|input| input.split(|c: char| !c.is_alphanumeric()))
        .filter(|part| part.chars().count() >= 4)
        .any(|part| lowered.contains(&part.to_lowercase()));
    // zxcvbn's matchers are quadratic in length; a long passphrase is judged on its start.
    let sample: String = password.chars().take(100).collect();
    let estimate = zxcvbn::zxcvbn(&sample, user_inputs);
    if estimate.score() >= Score::Three && !(personal && estimate.score() < Score::Four) {
        return Ok(());
    }
    if personal {
        return Err(PasswordProblem::ContainsPersonalInfo);
    }
    let warning = estimate.feedback().and_then(|f| f.warning());
    Err(match warning {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword,
        ) => PasswordProblem::CommonPassword,
        Some(Warning::ThisIsSimilarToACommonlyUsedPassword) => PasswordProblem::SimilarToCommon,
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => PasswordProblem::KeyboardPattern,
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => PasswordProblem::Repeats,
        Some(Warning::SequencesLikeAbcAreEasyToGuess) => PasswordProblem::Sequence,
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            PasswordProblem::DatesOrYears
        }
        Some(
            Warning::AWordByItselfIsEasyToGuess
            | Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => PasswordProblem::SingleWordOrName,
        _ => PasswordProblem::TooGuessable,
    })
}

/// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

/// Verifies in this thread's own argon2 memory, kept from one login to the
/// next: allocating 19 MiB per hash meant an mmap, 4 864 page faults and an
/// munmap every time, and the munmap holds the process's memory map lock
/// while page-serving threads wait on it (the thread page's p99 during a
/// login flood).
fn verify_blocking(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut computed = vec![0u8; expected.len()];
    let hashed = ARGON2_MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        memory.resize(blocks, Block::default());
        argon2.hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut computed,
            &mut memory[..blocks],
        )
    });
    // `Output` compares in constant time.
    hashed.is_ok() && Output::new(&computed).is_ok_and(|computed| computed == expected)
}

thread_local! {
    /// The argon2 working memory of a hashing thread (19 MiB once used).
    static ARGON2_MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// A hash of a random password, verified against when the account does not
/// exist, so both answers take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking(&crate::kernel::tokens::random_token()).unwrap_or_else(|_| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2DRqCrUxY8IqA9GpfS8TeYG+3/ZqkUC0MBqjO4Tjvkg".into()
        })
    })
}

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of hashing threads, one per two cores, at idle priority. Argon2id needs 19 MiB per
/// hash: on the runtime's blocking pool every thread that ever hashed would
/// keep that memory in its allocator arena (hundreds of MB under a login
/// flood); here only these threads do, and a flood of logins queues here
/// instead of taking the cores from page serving.
fn hashers() -> &'static Mutex<mpsc::Sender<Job>> {
    static POOL: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        // Half the cores at most: a hash streams its 19 MiB through the
        // shared cache twice, and with a hash on every core the uncached
        // thread page's p99 doubled during a login flood (one per two cores:
        // 1.3-1.5 times, at 15-19 logins a second on two cores).
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        for i in 0..threads {
            let receiver = Arc::clone(&receiver);
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || {
                    lower_priority();
                    loop {
                        let job = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, "starting a hashing thread failed");
            }
        }
        Mutex::new(sender)
    })
}

/// Hashing threads only get the CPU when page serving leaves it idle
/// (`SCHED_IDLE`): under a flood of logins a page request that wakes up takes
/// the core at once instead of waiting out a hash's time slice (at nice 10
/// the thread page's p99 went from 2 to 12 ms during a flood). Logins then
/// wait for spare CPU: while reads keep every core busy they slow to a
/// trickle, which is the trade the login-flood target asks for.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: both calls act on the calling thread only (pid 0 / its own
    // tid) and read only the parameter struct passed by reference.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
            let thread = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 19);
        }
    }
}

async fn run_limited<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    hashers()
        .lock()
        .map_err(|_| AppError::Internal("hashing pool poisoned".into()))?
        .send(job)
        .map_err(AppError::internal)?;
    result.await.map_err(AppError::internal)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    run_limited(move || hash_blocking(&password)).await?
}

/// Verifies `password` against `hash`, or against a dummy when there is no
/// account, so timing does not reveal which addresses have one.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AppError> {
    run_limited(move || match hash {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            verify_blocking(&password, dummy_hash());
            false
        }
    })
    .await
}

/// What a login's password check found: whether it matched, and a new hash
/// when the stored one was made with weaker or other parameters than today's.
#[derive(Debug)]
pub struct Verified {
    pub matches: bool,
    pub rehashed: Option<String>,
}

/// Verifies like `verify` and, when the password matches a hash made with
/// other parameters (older settings, another algorithm), hashes it again
/// with today's, in the same job: the login that proves the password is the
/// only moment the server has it.
pub async fn verify_and_upgrade(
    password: String,
    hash: Option<String>,
) -> Result<Verified, AppError> {
    run_limited(move || {
        let Some(hash) = hash else {
            verify_blocking(&password, dummy_hash());
            return Ok(Verified {
                matches: false,
                rehashed: None,
            });
        };
        let matches = verify_blocking(&password, &hash);
        let rehashed = if matches && needs_rehash(&hash) {
            Some(hash_blocking(&password)?)
        } else {
            None
        };
        Ok(Verified { matches, rehashed })
    })
    .await?
}

/// Whether a stored hash was made otherwise than `hasher()` makes them now.
pub fn needs_rehash(hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return true;
    };
    let current = hasher();
    let current_params = current.params();
    let same_algorithm =
        Algorithm::try_from(parsed.algorithm).is_ok_and(|a| a == Algorithm::Argon2id);
    let same_version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .is_some_and(|v| v == Version::V0x13);
    let same_params = Params::try_from(&parsed).is_ok_and(|p| {
        p.m_cost() == current_params.m_cost()
            && p.t_cost() == current_params.t_cost()
            && p.p_cost() == current_params.p_cost()
    });
    !(same_algorithm && same_version && same_params)
}

/// Hashing for the command line and the demo seeder (no runtime needed).
pub fn hash_now(password: &str) -> Result<String, AppError> {
    hash_blocking(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reused memory grows and shrinks with each hash's parameters, so
    /// hashes made with other settings (older accounts) verify as well.
    /// A hash of `password` made with weaker settings, as an older
    /// version of the site made them.
    fn older_hash(password: &str) -> String {
        let params = Params::new(8 * 1024, 1, 1, None).expect("params");
        let salt = SaltString::generate(&mut OsRng);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(password.as_bytes(), &salt)
            .expect("hash")
            .to_string()
    }

    #[test]
    fn hashes_made_with_other_parameters_still_verify() {
        let older = older_hash("an older passphrase");
        let current = hash_blocking("a current passphrase").expect("hash");
        assert!(verify_blocking("an older passphrase", &older));
        assert!(verify_blocking("a current passphrase", &current));
        assert!(verify_blocking("an older passphrase", &older));
        assert!(!verify_blocking("a current passphrase", &older));
        assert!(!verify_blocking("an older passphrase", &current));
    }

    #[test]
    fn hashes_made_with_other_parameters_need_a_rehash() {
        let older = older_hash("an older passphrase");
        let salt = SaltString::generate(&mut OsRng);
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::default())
            .hash_password(b"an older passphrase", &salt)
            .expect("hash")
            .to_string();
        assert!(needs_rehash(&older));
        assert!(needs_rehash(&argon2i));
        assert!(needs_rehash("not a hash"));
        assert!(!needs_rehash(
            &hash_blocking("a current passphrase").expect("hash")
        ));
    }

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert_eq!(
            check_policy("Tr0ub4dor&3", &[]),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_policy(&"x".repeat(MAX_LENGTH + 1), &[]),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn common_passwords_are_refused_with_a_reason() {
        assert_eq!(
            check_policy("password1234", &[]),
            Err(PasswordProblem::CommonPassword)
        );
        assert!(check_policy("qwertyuiopasdf", &[]).is_err());
        assert!(check_policy("aaaaaaaaaaaaaaaa", &[]).is_err());
    }

    #[test]
    fn the_users_own_name_does_not_make_a_password() {
        assert_eq!(
            check_policy(
                "karinsvensson1",
                &["karin.svensson@example.se", "Karin Svensson"]
            ),
            Err(PasswordProblem::ContainsPersonalInfo)
        );
    }

    #[test]
    fn long_unusual_passphrases_pass() {
        assert_eq!(check_policy("correct horse battery staple", &[]), Ok(()));
        assert_eq!(
            check_policy("fjällräven kaffe ödla 42", &["x@example.se"]),
            Ok(())
        );
        assert_eq!(check_policy(&"a7#Kq9!zM2&x".repeat(10), &[]), Ok(()));
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_now("correct horse battery staple").unwrap_or_default();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct horse battery staple", &hash));
        assert!(!verify_blocking("correct horse battery stapler", &hash));
        assert!(!verify_blocking("anything", "not a hash"));
    }
}
