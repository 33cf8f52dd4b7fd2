# Tillit — dansk.

## Layout
nav-skip = Spring til indholdet
nav-login = Log ind
nav-signup = Opret konto
nav-logout = Log ud
nav-account = Din konto
nav-account-label = Din konto
nav-admin = Administration
nav-language = Sprog
nav-companies = Virksomheder
search-label = Søg
search-placeholder = Søg virksomheder…
search-button = Søg
footer-tagline = Tillit — et kundefællesskab, hvor kritik bliver stående, og hvert spørgsmål får et svar.
footer-nav-label = Websted
greeting-user = Velkommen, { $name }
yes = Ja
no = Nej
pagination-next = Næste side

## Errors
error-400-title = Der er noget galt med forespørgslen
error-400-text = Siden kunne ikke forstå det, der blev sendt. Gå tilbage, tjek det, du skrev, og prøv igen.
error-403-title = Ikke tilladt
error-403-text = Du har ikke tilladelse til at gøre det.
error-404-title = Siden findes ikke
error-404-text = Der er intet på denne adresse. Den kan være flyttet, eller linket kan være stavet forkert.
error-409-title = Det var allerede gjort
error-429-title = For mange forsøg
error-429-text = Du har prøvet dette for mange gange på kort tid.
error-500-title = Noget gik galt hos os
error-500-text = Fejlen er logget. Prøv igen om lidt.
error-csrf-text = Formularen var udløbet eller kom ikke fra dette websted. Gå tilbage, genindlæs siden og send den igen.
error-login-required = Log ind for at fortsætte.
error-too-large = Det, du sendte, er for stort.
error-content-type = Formularen blev sendt i et format, som siden ikke modtager.
error-body-unreadable = Det, du sendte, kunne ikke læses helt. Prøv igen.
error-home-link = Gå til forsiden
error-retry-after = { $minutes ->
    [one] Prøv igen om et minut.
   *[other] Prøv igen om { $minutes } minutter.
}

## Forms
form-has-errors = Ret de markerede felter.
form-required = Feltet skal udfyldes.
form-too-short = { $min ->
    [one] Skriv mindst ét tegn.
   *[other] Skriv mindst { $min } tegn.
}
form-too-long = { $max ->
    [one] Skriv højst ét tegn.
   *[other] Skriv højst { $max } tegn.
}
form-invalid-utf8 = Nogle tegn kunne ikke læses og blev erstattet med �. Tjek teksten.
form-invalid-characters = Fjern kontroltegnene fra feltet.
form-email-invalid = Skriv en e-mailadresse som navn@eksempel.dk.
field-email = E-mailadresse
field-display-name = Visningsnavn
field-display-name-hint = Vises ved siden af det, du skriver. 2 til 50 tegn.
field-password = Adgangskode
field-password-hint = Mindst 12 tegn. Nogle få ord uden sammenhæng giver en stærk adgangskode.
field-new-password = Ny adgangskode
field-current-password = Nuværende adgangskode

## Passwords
password-too-short = Adgangskoden skal have mindst 12 tegn.
password-too-long = Adgangskoden må højst have 256 tegn.
password-common = Dette er en af de mest almindelige adgangskoder; vælg en, som ingen andre bruger.
password-similar-common = Dette ligner en almindelig adgangskode for meget.
password-personal = Adgangskoden indeholder dit navn eller din e-mailadresse; vælg noget andet.
password-keyboard = Tastaturmønstre som "qwerty" er lette at gætte.
password-repeats = Gentagne tegn eller ord er lette at gætte.
password-sequence = Rækkefølger som "abc" eller "1234" er lette at gætte.
password-dates = Datoer og årstal er lette at gætte.
password-word = Et enkelt ord eller navn er let at gætte; tilføj et par ord mere.
password-guessable = Adgangskoden ville være let at gætte. Tilføj et par ord uden sammenhæng.

## Sign-up and verification
signup-title = Opret en konto
signup-intro = Med en konto kan du stille spørgsmål, svare andre og anmelde virksomheder.
signup-submit = Opret konto
signup-have-account = Har du allerede en konto?
signup-done-title = Tjek din indbakke
signup-done-text = Vi har sendt en e-mail til den adresse, du angav. Følg linket i den for at bekræfte adressen, og log derefter ind. Kan du ikke se den inden for få minutter, så kig i spam-mappen.
verify-done = Din e-mailadresse er bekræftet. Velkommen!
verify-invalid-title = Linket virker ikke
verify-invalid-text = Bekræftelseslinket er ugyldigt, udløbet eller allerede brugt. Log ind, og bed om et nyt fra din kontoside.
verify-resent = Vi har sendt dig en ny bekræftelses-e-mail.
verify-resend-limited = Vi har allerede sendt flere bekræftelses-e-mails. Vent en time, før du beder om en ny.

## Login
login-title = Log ind
login-submit = Log ind
login-forgot = Glemt adgangskoden?
login-no-account = Ny her?
login-failed = E-mailadressen eller adgangskoden er forkert.
login-throttled = For mange mislykkede forsøg på at logge ind.
logout-everywhere-title = Logget ud overalt
logout-everywhere-text = Alle sessioner for din konto, på alle enheder, er afsluttet. Log ind igen for at fortsætte.

## Password reset
reset-title = Nulstil din adgangskode
reset-intro = Skriv e-mailadressen til din konto, så sender vi et link, hvor du kan vælge en ny adgangskode.
reset-submit = Send linket
reset-sent-title = Tjek din indbakke
reset-sent-text = Hvis der findes en konto for adressen, har vi sendt et link dertil. Linket virker i en time.
reset-invalid-title = Linket virker ikke
reset-invalid-text = Linket til at nulstille adgangskoden er ugyldigt, udløbet eller allerede brugt.
reset-request-again = Bed om et nyt link
reset-confirm-title = Vælg en ny adgangskode
reset-confirm-submit = Gem den nye adgangskode
reset-done-title = Din adgangskode er ændret
reset-done-text = Alle sessioner for din konto er logget ud. Log ind med din nye adgangskode.

## Account
account-title = Din konto
account-unverified-title = Bekræft din e-mailadresse
account-unverified-text = Vi sendte et bekræftelseslink til { $email }. Du skal bekræfte adressen, før du kan skrive indlæg.
account-resend = Send linket igen
account-profile = Profil
account-save = Gem
account-profile-saved = Din profil er gemt.
account-password = Adgangskode
account-change-password = Skift adgangskode
account-current-password-wrong = Den nuværende adgangskode er forkert.
account-password-changed = Din adgangskode er ændret. Dine andre sessioner er logget ud.
account-language = Sprog
account-language-label = Sprog for webstedet og vores e-mails
account-sessions = Sessioner
account-sessions-text = Mistet telefonen eller brugt en delt computer? Afslut alle sessioner for din konto, også denne.
account-logout-everywhere = Log ud overalt

## Administration
admin-users-title = Brugere
admin-users-search = Søg på e-mail eller navn
admin-users-none = Ingen brugere fundet.
admin-roles = Roller
admin-joined = Tilmeldt
admin-verified = E-mail bekræftet
admin-unverified = ubekræftet
admin-roles-saved = Rollerne er gemt.
admin-moderator-title = Moderatorrolle
admin-moderator-text = Moderatorer arbejder med modereringskøen for alle virksomheder. De hører til platformen, ikke til en virksomhed.
admin-make-moderator = Gør til moderator
admin-revoke-moderator = Fjern moderatorrollen
admin-staff-title = Medarbejder hos virksomheder
admin-staff-none = Ikke medarbejder hos nogen virksomhed.
admin-staff-add-label = Virksomhed
admin-staff-add = Gør til medarbejder hos virksomheden
admin-staff-remove = Fjern fra { $company }
admin-company-missing = Vælg en virksomhed på listen.
admin-no-companies = Ingen virksomheder endnu.
admin-companies-title = Virksomheder
admin-company-new = Ny virksomhed
admin-company-create = Opret virksomhed
admin-company-list = Alle virksomheder
admin-company-created = Virksomheden er oprettet.
admin-company-slug-invalid = Adressenavnet må kun indeholde små bogstaver a–z, tal og bindestreger.
admin-company-slug-taken = En anden virksomhed bruger allerede adressenavnet.
admin-company-website-invalid = Skriv en webadresse, der begynder med http:// eller https://.
field-company-name = Navn
field-company-slug = Adressenavn
field-company-slug-hint = Bruges i sidens adresse, f.eks. /companies/nordlys-energi. Lad feltet stå tomt for at danne det ud fra navnet.
field-company-website = Websted
field-company-description = Beskrivelse
role-admin = administrator
role-moderator = moderator
role-customer = kunde
role-staff-of = medarbejder hos { $company }

## Home and companies
home-title = Forside
home-headline = Spørg, svar og anmeld — og få et fair svar
home-intro = Tillit er et kundefællesskab: bed virksomheder og andre kunder om hjælp, del dine erfaringer, og se, hvor hurtigt hver virksomhed svarer.
home-companies = Virksomheder
home-all-companies = Alle virksomheder
companies-title = Virksomheder
companies-search-label = Find en virksomhed efter navn
companies-none = Ingen virksomheder endnu.
companies-no-match = Ingen virksomhed matcher "{ $query }".
company-website = Websted

## Email
email-greeting = Hej { $name },
email-footer-transactional = Du modtager denne e-mail på grund af en handling på din Tillit-konto. Den kan ikke frameldes, da den vedrører din kontos sikkerhed.
email-not-you = Hvis det ikke var dig, kan du se bort fra denne e-mail.
email-verify-subject = Bekræft din e-mailadresse til Tillit
email-verify-body = Tak, fordi du oprettede en konto. Bekræft din e-mailadresse ved at følge linket:
email-verify-action = Bekræft min adresse
email-verify-expiry = Linket virker i 48 timer.
email-exists-subject = Nogen prøvede at oprette en konto med din adresse
email-exists-body = Nogen — måske dig — prøvede at oprette en ny Tillit-konto med denne e-mailadresse, men du har allerede en. Har du glemt adgangskoden, kan du vælge en ny:
email-exists-action = Nulstil min adgangskode
email-reset-subject = Nulstil din adgangskode til Tillit
email-reset-body = Vi har modtaget en anmodning om at nulstille adgangskoden til din Tillit-konto. Vælg en ny adgangskode her:
email-reset-action = Vælg en ny adgangskode
email-reset-expiry = Linket virker i en time og kun én gang.
email-changed-subject = Din adgangskode til Tillit er ændret
email-changed-body = Adgangskoden til din Tillit-konto er netop blevet ændret, og alle andre sessioner er logget ud. Hvis det ikke var dig, så nulstil adgangskoden med det samme:
email-changed-action = Nulstil min adgangskode
