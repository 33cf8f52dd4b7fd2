//! The guidelines: numbered clauses stored as data, each edit a new version.
//! This file holds the first version of each clause, written into an empty
//! database at start-up. There is deliberately no clause for "negative" or
//! "unfair": criticism of a company is never a breach.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{guideline_clauses, guideline_versions};
use crate::db::{now, DbConn};
use crate::kernel::i18n::Lang;
use crate::kernel::ids::UserId;

/// What a moderator may do under a clause, smallest intervention first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Redact,
    Hide,
    AskEdit,
    Warn,
    Suspend,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Redact,
        Action::Hide,
        Action::AskEdit,
        Action::Warn,
        Action::Suspend,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Redact => "redact",
            Action::Hide => "hide",
            Action::AskEdit => "ask_edit",
            Action::Warn => "warn",
            Action::Suspend => "suspend",
        }
    }

    pub fn parse(value: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == value)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Action::Redact => "action-redact",
            Action::Hide => "action-hide",
            Action::AskEdit => "action-ask_edit",
            Action::Warn => "action-warn",
            Action::Suspend => "action-suspend",
        }
    }
}

pub const SEVERITY_MILD: i32 = 1;
pub const SEVERITY_SERIOUS: i32 = 2;
/// Automatic hits on clauses this severe hold the item for review.
pub const SEVERITY_SEVERE: i32 = 3;

pub fn severity_key(severity: impl std::borrow::Borrow<i32>) -> &'static str {
    match *severity.borrow() {
        SEVERITY_SEVERE => "severity-severe",
        SEVERITY_SERIOUS => "severity-serious",
        _ => "severity-mild",
    }
}

/// A clause as it reads now (its current version).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = guideline_versions)]
pub struct ClauseVersion {
    pub id: i64,
    pub clause_id: i64,
    pub version: i32,
    pub severity: i32,
    pub actions: String,
    pub title_en: String,
    pub title_sv: String,
    pub title_da: String,
    pub title_nb: String,
    pub explanation_en: String,
    pub explanation_sv: String,
    pub explanation_da: String,
    pub explanation_nb: String,
    pub examples_en: String,
    pub examples_sv: String,
    pub examples_da: String,
    pub examples_nb: String,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub number: i32,
    pub code: String,
    pub current: ClauseVersion,
}

impl Clause {
    pub fn allows(&self, action: Action) -> bool {
        self.current
            .actions
            .split(',')
            .any(|a| a.trim() == action.as_str())
    }

    pub fn actions(&self) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|a| self.allows(*a))
            .collect()
    }

    pub fn title(&self, lang: impl Into<Lang>) -> &str {
        self.current.title(lang.into())
    }

    pub fn explanation(&self, lang: impl Into<Lang>) -> &str {
        let v = &self.current;
        match lang.into() {
            Lang::Sv => &v.explanation_sv,
            Lang::Da => &v.explanation_da,
            Lang::En => &v.explanation_en,
            Lang::Nb => or_danish(&v.explanation_nb, &v.explanation_da),
        }
    }

    pub fn examples(&self, lang: impl Into<Lang>) -> Vec<&str> {
        let v = &self.current;
        let text = match lang.into() {
            Lang::Sv => &v.examples_sv,
            Lang::Da => &v.examples_da,
            Lang::En => &v.examples_en,
            Lang::Nb => or_danish(&v.examples_nb, &v.examples_da),
        };
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

impl ClauseVersion {
    pub fn title(&self, lang: impl Into<Lang>) -> &str {
        match lang.into() {
            Lang::Sv => &self.title_sv,
            Lang::Da => &self.title_da,
            Lang::En => &self.title_en,
            Lang::Nb => or_danish(&self.title_nb, &self.title_da),
        }
    }
}

/// A version saved before Norwegian came has no Norwegian text: its Danish,
/// the closest of the others, stands in until the clause is edited.
fn or_danish<'a>(norwegian: &'a str, danish: &'a str) -> &'a str {
    if norwegian.is_empty() {
        danish
    } else {
        norwegian
    }
}

/// The texts of one version, in the four languages (`Lang::ALL`'s order).
#[derive(Debug, Clone, Default)]
pub struct ClauseText {
    pub severity: i32,
    pub actions: String,
    pub title: [String; 4],
    pub explanation: [String; 4],
    pub examples: [String; 4],
}

pub fn all_clauses(conn: &mut DbConn) -> QueryResult<Vec<Clause>> {
    let rows: Vec<(i32, String, ClauseVersion)> = guideline_clauses::table
        .inner_join(
            guideline_versions::table.on(guideline_versions::id
                .nullable()
                .eq(guideline_clauses::current_version_id)),
        )
        .select((
            guideline_clauses::number,
            guideline_clauses::code,
            ClauseVersion::as_select(),
        ))
        .order(guideline_clauses::number)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(number, code, current)| Clause {
            number,
            code,
            current,
        })
        .collect())
}

pub fn clause_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<Clause>> {
    Ok(all_clauses(conn)?
        .into_iter()
        .find(|c| c.current.clause_id == id))
}

pub fn clause_by_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<Clause>> {
    Ok(all_clauses(conn)?.into_iter().find(|c| c.code == code))
}

pub fn versions(conn: &mut DbConn, clause_id: i64) -> QueryResult<Vec<ClauseVersion>> {
    guideline_versions::table
        .filter(guideline_versions::clause_id.eq(clause_id))
        .select(ClauseVersion::as_select())
        .order(guideline_versions::version.desc())
        .load(conn)
}

pub fn version_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<ClauseVersion>> {
    guideline_versions::table
        .find(id)
        .select(ClauseVersion::as_select())
        .first(conn)
        .optional()
}

/// Stores a new version of a clause and makes it current; earlier versions
/// stay, so decisions keep pointing at the words they cited.
pub fn add_version(
    conn: &mut DbConn,
    clause_id: i64,
    text: &ClauseText,
    by: Option<UserId>,
) -> QueryResult<i64> {
    let latest: Option<i32> = guideline_versions::table
        .filter(guideline_versions::clause_id.eq(clause_id))
        .select(diesel::dsl::max(guideline_versions::version))
        .first(conn)?;
    let id: i64 = diesel::insert_into(guideline_versions::table)
        .values((
            guideline_versions::clause_id.eq(clause_id),
            guideline_versions::version.eq(latest.unwrap_or(0) + 1),
            guideline_versions::severity.eq(text.severity),
            guideline_versions::actions.eq(&text.actions),
            guideline_versions::title_en.eq(&text.title[0]),
            guideline_versions::title_sv.eq(&text.title[1]),
            guideline_versions::title_da.eq(&text.title[2]),
            guideline_versions::title_nb.eq(&text.title[3]),
            guideline_versions::explanation_en.eq(&text.explanation[0]),
            guideline_versions::explanation_sv.eq(&text.explanation[1]),
            guideline_versions::explanation_da.eq(&text.explanation[2]),
            guideline_versions::explanation_nb.eq(&text.explanation[3]),
            guideline_versions::examples_en.eq(&text.examples[0]),
            guideline_versions::examples_sv.eq(&text.examples[1]),
            guideline_versions::examples_da.eq(&text.examples[2]),
            guideline_versions::examples_nb.eq(&text.examples[3]),
            guideline_versions::created_by.eq(by.map(|u| u.0)),
            guideline_versions::created_at.eq(now()),
        ))
        .returning(guideline_versions::id)
        .get_result(conn)?;
    diesel::update(guideline_clauses::table.find(clause_id))
        .set(guideline_clauses::current_version_id.eq(Some(id)))
        .execute(conn)?;
    Ok(id)
}

struct Seed {
    number: i32,
    code: &'static str,
    severity: i32,
    actions: &'static str,
    /// English, Swedish, Danish, Norwegian.
    title: [&'static str; 4],
    explanation: [&'static str; 4],
    examples: [&'static str; 4],
}

const SEEDS: &[Seed] = &[
    Seed {
        number: 1,
        code: "personal-attacks",
        severity: SEVERITY_SERIOUS,
        actions: "redact,hide,ask_edit,warn,suspend",
        title: [
            "Personal attacks and defamation of individuals",
            "Personangrepp och förtal av enskilda",
            "Personangreb og bagvaskelse af enkeltpersoner",
            "Personangrep og ærekrenkelse av enkeltpersoner",
        ],
        explanation: [
            "Criticise companies, products and service as harshly as you like. Do not insult, mock or accuse named or recognisable people (customers, employees) of crimes or wrongdoing.",
            "Kritisera företag, produkter och service hur skarpt du vill. Förolämpa, häckla eller anklaga inte namngivna eller igenkännbara personer (kunder, anställda) för brott eller oegentligheter.",
            "Kritisér virksomheder, produkter og service så skarpt du vil. Fornærm, hån eller beskyld ikke navngivne eller genkendelige personer (kunder, medarbejdere) for forbrydelser eller uredelighed.",
            "Kritiser bedrifter, produkter og service så skarpt du vil. Ikke fornærm, håne eller beskyld navngitte eller gjenkjennelige personer (kunder, ansatte) for lovbrudd eller uredelighet.",
        ],
        examples: [
            "Breach: \"Lisa in the Malmö shop is a thief and a liar.\"\nNot a breach: \"The shop staff gave me wrong information twice.\"",
            "Brott: \"Lisa i Malmöbutiken är en tjuv och lögnare.\"\nInget brott: \"Personalen i butiken gav mig fel besked två gånger.\"",
            "Brud: \"Lise i butikken i Odense er en tyv og en løgner.\"\nIkke et brud: \"Personalet i butikken gav mig forkerte oplysninger to gange.\"",
            "Brudd: \"Lise i butikken i Bergen er en tyv og en løgner.\"\nIkke brudd: \"De ansatte i butikken ga meg feil opplysninger to ganger.\"",
        ],
    },
    Seed {
        number: 2,
        code: "hate",
        severity: SEVERITY_SEVERE,
        actions: "redact,hide,warn,suspend",
        title: [
            "Hate and racism",
            "Hat och rasism",
            "Had og racisme",
            "Hat og rasisme",
        ],
        explanation: [
            "No slurs, no contempt for people because of origin, skin colour, religion, sex, sexual orientation, gender identity or disability.",
            "Inga skällsord och inget förakt för människor på grund av ursprung, hudfärg, religion, kön, sexuell läggning, könsidentitet eller funktionsnedsättning.",
            "Ingen skældsord og ingen foragt for mennesker på grund af oprindelse, hudfarve, religion, køn, seksuel orientering, kønsidentitet eller handicap.",
            "Ingen skjellsord og ingen forakt for mennesker på grunn av opprinnelse, hudfarge, religion, kjønn, seksuell orientering, kjønnsidentitet eller funksjonsnedsettelse.",
        ],
        examples: [
            "Breach: a slur about the support agent's origin.\nNot a breach: \"Support only answers in English, which excludes many customers.\"",
            "Brott: ett skällsord om supportpersonalens ursprung.\nInget brott: \"Supporten svarar bara på engelska, vilket utestänger många kunder.\"",
            "Brud: et skældsord om supportmedarbejderens oprindelse.\nIkke et brud: \"Supporten svarer kun på engelsk, hvilket udelukker mange kunder.\"",
            "Brudd: et skjellsord om kundebehandlerens opprinnelse.\nIkke brudd: \"Kundeservice svarer bare på engelsk, og det stenger mange kunder ute.\"",
        ],
    },
    Seed {
        number: 3,
        code: "threats",
        severity: SEVERITY_SEVERE,
        actions: "hide,warn,suspend",
        title: [
            "Threats and violence",
            "Hot och våld",
            "Trusler og vold",
            "Trusler og vold",
        ],
        explanation: [
            "No threats, no calls for violence, no wishing harm on anyone — not even as a joke.",
            "Inga hot, inga uppmaningar till våld och inga önskningar om att någon ska skadas — inte ens på skämt.",
            "Ingen trusler, ingen opfordring til vold og intet ønske om at nogen kommer til skade — heller ikke for sjov.",
            "Ingen trusler, ingen oppfordring til vold og intet ønske om at noen skal komme til skade – heller ikke for moro skyld.",
        ],
        examples: [
            "Breach: \"I know where you live.\"\nNot a breach: \"I will take this to the consumer ombudsman.\"",
            "Brott: \"Jag vet var du bor.\"\nInget brott: \"Jag kommer att anmäla det här till Konsumentverket.\"",
            "Brud: \"Jeg ved hvor du bor.\"\nIkke et brud: \"Jeg klager til Forbrugerombudsmanden.\"",
            "Brudd: \"Jeg vet hvor du bor.\"\nIkke brudd: \"Jeg klager til Forbrukertilsynet.\"",
        ],
    },
    Seed {
        number: 4,
        code: "personal-data",
        severity: SEVERITY_SEVERE,
        actions: "redact,hide,ask_edit",
        title: [
            "Personal data",
            "Personuppgifter",
            "Personoplysninger",
            "Personopplysninger",
        ],
        explanation: [
            "Do not publish personal identity numbers, phone numbers, email or home addresses or card numbers — yours or anyone else's. Use a private conversation with the company instead.",
            "Publicera inte personnummer, telefonnummer, e-post- eller hemadresser eller kortnummer — varken dina egna eller andras. Använd en privat konversation med företaget i stället.",
            "Offentliggør ikke CPR-numre, telefonnumre, e-mail- eller hjemmeadresser eller kortnumre — hverken dine egne eller andres. Brug en privat samtale med virksomheden i stedet.",
            "Ikke publiser fødselsnumre, telefonnumre, e-post- eller hjemmeadresser eller kortnumre – verken dine egne eller andres. Bruk heller en privat samtale med bedriften.",
        ],
        examples: [
            "Breach: \"Call me on 070-123 45 67.\"\nNot a breach: \"I called customer service twice yesterday.\"",
            "Brott: \"Ring mig på 070-123 45 67.\"\nInget brott: \"Jag ringde kundtjänst två gånger i går.\"",
            "Brud: \"Ring til mig på 20 12 34 56.\"\nIkke et brud: \"Jeg ringede til kundeservice to gange i går.\"",
            "Brudd: \"Ring meg på 912 34 567.\"\nIkke brudd: \"Jeg ringte kundeservice to ganger i går.\"",
        ],
    },
    Seed {
        number: 5,
        code: "spam",
        severity: SEVERITY_MILD,
        actions: "hide,warn,suspend",
        title: [
            "Spam and advertising",
            "Spam och reklam",
            "Spam og reklame",
            "Søppelpost og reklame",
        ],
        explanation: [
            "No advertising, link lists or the same text posted again and again.",
            "Ingen reklam, inga länklistor och inte samma text om och om igen.",
            "Ingen reklame, ingen lister af links og ikke den samme tekst igen og igen.",
            "Ingen reklame, ingen lister med lenker og ikke den samme teksten igjen og igjen.",
        ],
        examples: [
            "Breach: five links to a web shop with \"best prices!!!\".\nNot a breach: a link to the company's own help page that answers the question.",
            "Brott: fem länkar till en webbutik med \"bästa priserna!!!\".\nInget brott: en länk till företagets egen hjälpsida som besvarar frågan.",
            "Brud: fem links til en webshop med \"bedste priser!!!\".\nIkke et brud: et link til virksomhedens egen hjælpeside, der besvarer spørgsmålet.",
            "Brudd: fem lenker til en nettbutikk med \"beste priser!!!\".\nIkke brudd: en lenke til bedriftens egen hjelpeside som besvarer spørsmålet.",
        ],
    },
    Seed {
        number: 6,
        code: "impersonation",
        severity: SEVERITY_SERIOUS,
        actions: "hide,warn,suspend",
        title: [
            "Impersonation and conflicts of interest",
            "Falsk identitet och jäv",
            "Falsk identitet og interessekonflikter",
            "Falsk identitet og interessekonflikter",
        ],
        explanation: [
            "Do not pretend to be someone else or to speak for a company you do not work for. Do not review your own company, your employer or a competitor.",
            "Låtsas inte vara någon annan eller tala för ett företag du inte arbetar för. Recensera inte ditt eget företag, din arbetsgivare eller en konkurrent.",
            "Lad ikke som om du er en anden eller taler på vegne af en virksomhed, du ikke arbejder for. Anmeld ikke din egen virksomhed, din arbejdsgiver eller en konkurrent.",
            "Ikke lat som om du er en annen, eller at du snakker på vegne av en bedrift du ikke jobber for. Ikke anmeld din egen bedrift, arbeidsgiveren din eller en konkurrent.",
        ],
        examples: [
            "Breach: a five-star review written by the company's owner.\nNot a breach: an employee answering as staff with the company badge.",
            "Brott: en femstjärnig recension skriven av företagets ägare.\nInget brott: en anställd som svarar som personal med företagets märke.",
            "Brud: en femstjernet anmeldelse skrevet af virksomhedens ejer.\nIkke et brud: en medarbejder, der svarer som personale med virksomhedens mærke.",
            "Brudd: en femstjerners anmeldelse skrevet av bedriftens eier.\nIkke brudd: en ansatt som svarer som ansatt med bedriftens merke.",
        ],
    },
    Seed {
        number: 7,
        code: "off-topic",
        severity: SEVERITY_MILD,
        actions: "hide,ask_edit",
        title: [
            "Off-topic or unintelligible content",
            "Ämnesfrämmande eller obegripligt innehåll",
            "Emneuvedkommende eller uforståeligt indhold",
            "Innhold som ikke hører hjemme, eller som ikke kan forstås",
        ],
        explanation: [
            "Posts should be about the company, its products or the question in the thread, and readable.",
            "Inlägg ska handla om företaget, dess produkter eller frågan i tråden, och gå att läsa.",
            "Indlæg skal handle om virksomheden, dens produkter eller spørgsmålet i tråden og kunne læses.",
            "Innlegg skal handle om bedriften, produktene dens eller spørsmålet i tråden, og de skal kunne leses.",
        ],
        examples: [
            "Breach: a page of random characters.\nNot a breach: a long, angry, well-argued complaint.",
            "Brott: en sida slumpade tecken.\nInget brott: ett långt, argt och välgrundat klagomål.",
            "Brud: en side tilfældige tegn.\nIkke et brud: en lang, vred og velbegrundet klage.",
            "Brudd: en side med tilfeldige tegn.\nIkke brudd: en lang, sint og godt begrunnet klage.",
        ],
    },
    Seed {
        number: 8,
        code: "authenticity",
        severity: SEVERITY_SERIOUS,
        actions: "hide,warn",
        title: [
            "Genuine experiences",
            "Äkta upplevelser",
            "Ægte oplevelser",
            "Ekte opplevelser",
        ],
        explanation: [
            "A review describes your own experience as a customer. When a review looks suspicious, a moderator may ask you to verify it, for example with an order number; a review that cannot be verified stays visible, labelled, and does not count in the score.",
            "En recension beskriver din egen upplevelse som kund. När en recension ser misstänkt ut kan en moderator be dig styrka den, till exempel med ett ordernummer; en recension som inte kan styrkas syns kvar, märkt, men räknas inte in i betyget.",
            "En anmeldelse beskriver din egen oplevelse som kunde. Når en anmeldelse ser mistænkelig ud, kan en moderator bede dig bekræfte den, for eksempel med et ordrenummer; en anmeldelse, der ikke kan bekræftes, forbliver synlig, mærket, men tæller ikke med i bedømmelsen.",
            "En anmeldelse beskriver din egen opplevelse som kunde. Når en anmeldelse virker mistenkelig, kan en moderator be deg bekrefte den, for eksempel med et ordrenummer; en anmeldelse som ikke kan bekreftes, forblir synlig, merket, men teller ikke med i scoren.",
        ],
        examples: [
            "Breach: ten one-star reviews from new accounts on one evening with the same words.\nNot a breach: one angry review from a customer who can show the booking.",
            "Brott: tio enstjärniga recensioner från nya konton samma kväll med samma ord.\nInget brott: en arg recension från en kund som kan visa bokningen.",
            "Brud: ti enstjernede anmeldelser fra nye konti samme aften med de samme ord.\nIkke et brud: én vred anmeldelse fra en kunde, der kan vise bookingen.",
            "Brudd: ti enstjerners anmeldelser fra nye kontoer samme kveld med de samme ordene.\nIkke brudd: én sint anmeldelse fra en kunde som kan vise bestillingen.",
        ],
    },
    Seed {
        number: 9,
        code: "unlawful",
        severity: SEVERITY_SERIOUS,
        actions: "redact,hide",
        title: [
            "Other illegal content",
            "Annat olagligt innehåll",
            "Andet ulovligt indhold",
            "Annet ulovlig innhold",
        ],
        explanation: [
            "Do not publish what the law forbids in other ways, such as someone else's copyrighted text or images. Anyone may send a legal notice about an item; a moderator removes only what is unlawful, never criticism because it is negative.",
            "Publicera inte sådant som lagen förbjuder på andra sätt, till exempel någon annans upphovsrättsskyddade text eller bilder. Vem som helst kan skicka en anmälan om olagligt innehåll; en moderator tar bara bort det som är olagligt, aldrig kritik för att den är negativ.",
            "Offentliggør ikke noget, som loven forbyder på andre måder, for eksempel en andens ophavsretligt beskyttede tekst eller billeder. Alle kan sende en anmeldelse af ulovligt indhold; en moderator fjerner kun det, der er ulovligt, aldrig kritik fordi den er negativ.",
            "Ikke publiser noe som loven forbyr på andre måter, for eksempel en annens opphavsrettslig beskyttede tekst eller bilder. Alle kan sende et varsel om ulovlig innhold; en moderator fjerner bare det som er ulovlig, aldri kritikk fordi den er negativ.",
        ],
        examples: [
            "Breach: a company's whole price list copied from a paid report.\nNot a breach: \"Their prices went up 30 % this year.\"",
            "Brott: ett företags hela prislista kopierad ur en betald rapport.\nInget brott: \"Deras priser har gått upp 30 % i år.\"",
            "Brud: en virksomheds hele prisliste kopieret fra en betalt rapport.\nIkke et brud: \"Deres priser er steget 30 % i år.\"",
            "Brudd: en bedrifts hele prisliste kopiert fra en betalt rapport.\nIkke brudd: \"Prisene deres har steget 30 % i år.\"",
        ],
    },
];

fn text_of(seed: &Seed) -> ClauseText {
    ClauseText {
        severity: seed.severity,
        actions: seed.actions.to_string(),
        title: seed.title.map(str::to_string),
        explanation: seed.explanation.map(str::to_string),
        examples: seed.examples.map(str::to_string),
    }
}

/// Writes the first version of every clause the database does not have yet
/// (by code); clauses admins edited are left as they are. A seeded version
/// saved before Norwegian came gets the Norwegian of its words.
pub fn seed(conn: &mut DbConn) -> QueryResult<()> {
    crate::db::write_transaction(conn, |conn| {
        for seed in SEEDS {
            let exists: i64 = guideline_clauses::table
                .filter(guideline_clauses::code.eq(seed.code))
                .count()
                .get_result(conn)?;
            if exists > 0 {
                diesel::update(
                    guideline_versions::table
                        .filter(guideline_versions::title_nb.eq(""))
                        .filter(guideline_versions::title_en.eq(seed.title[0]))
                        .filter(guideline_versions::explanation_en.eq(seed.explanation[0]))
                        .filter(guideline_versions::examples_en.eq(seed.examples[0])),
                )
                .set((
                    guideline_versions::title_nb.eq(seed.title[3]),
                    guideline_versions::explanation_nb.eq(seed.explanation[3]),
                    guideline_versions::examples_nb.eq(seed.examples[3]),
                ))
                .execute(conn)?;
                continue;
            }
            // Two instances starting at once: the second insert loses quietly.
            let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
                diesel::insert_into(guideline_clauses::table)
                    .values((
                        guideline_clauses::number.eq(seed.number),
                        guideline_clauses::code.eq(seed.code),
                        guideline_clauses::created_at.eq(now()),
                    ))
                    .execute(conn)
            })?;
            if inserted {
                let id: i64 = guideline_clauses::table
                    .filter(guideline_clauses::code.eq(seed.code))
                    .select(guideline_clauses::id)
                    .first(conn)?;
                add_version(conn, id, &text_of(seed), None)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_clause_is_about_negativity() {
        for seed in SEEDS {
            for title in seed.title {
                let lower = title.to_lowercase();
                for word in ["negative", "unfair", "negativ", "orättvis", "uretfærdig"] {
                    assert!(!lower.contains(word), "{title}");
                }
            }
        }
    }

    #[test]
    fn seeds_have_distinct_numbers_and_known_actions() {
        let mut numbers: Vec<i32> = SEEDS.iter().map(|s| s.number).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), SEEDS.len());
        for seed in SEEDS {
            for action in seed.actions.split(',') {
                assert!(Action::parse(action).is_some(), "{action}");
            }
        }
    }
}
