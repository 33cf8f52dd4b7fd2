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
search-placeholder = Søg i forummet og blandt virksomheder…
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

## Forum, search and the desk
nav-forum = Forum
nav-desk = Kundeservice
nav-main-label = Hovedmenu
company-forum-link = Spørg { $company } i forummet
category-general = Generel debat
category-tips = Tips og erfaringer
duration-minutes = { $m } min
duration-hours = { $h } t { $m } min
duration-days = { $d } d { $h } t
desk-title = Ubesvarede tråde
desk-intro = Tråde i jeres virksomhedsafsnit, som ingen fra virksomheden har svaret på endnu: problemer og klager først, så spørgsmål, så ros og forslag; den, der har ventet længst, først.
desk-empty = Alle tråde har fået svar. Godt gået!
desk-staff-only = Siden er for virksomhedernes medarbejdere.
desk-col-kind = Type
desk-col-company = Virksomhed
desk-col-waited = Ventet
email-footer-unsubscribe = Du modtager denne e-mail, fordi du følger tråden. Åbn linket for at stoppe dem:
email-reply-subject = Nyt svar: { $title }
email-reply-body = { $author } har svaret i »{ $title }«.
email-reply-action = Læs svaret
forum-title = Forum
forum-intro = Stil et spørgsmål, del en erfaring, eller hjælp en anden. Medarbejdere fra hver virksomhed svarer i virksomhedens afsnit.
forum-general = Generelt
forum-company-sections = Virksomhedernes afsnit
forum-company-page = Virksomhedens side
forum-new-thread = Start en tråd
forum-show-unanswered = Vis kun tråde uden svar fra virksomheden
forum-show-all = Vis alle tråde
forum-no-threads = Ingen tråde her endnu.
forum-col-thread = Tråd
forum-col-status = Status
forum-col-replies = Svar
forum-col-activity = Seneste aktivitet
forum-withdrawn-short = trukket tilbage
forum-withdrawn-by-author = Trukket tilbage af forfatteren.
forum-withdrawn-done = Dit indlæg er trukket tilbage. Det beholder sin plads, markeret som trukket tilbage.
forum-field-title = Overskrift
forum-field-kind = Hvad drejer det sig om?
forum-field-body = Din tekst
forum-field-reply = Dit svar
forum-kind-invalid = Vælg en af typerne på listen.
forum-markdown-hint = Markdown virker: **fed**, *kursiv*, [link](https://…), lister og `kode`.
forum-preview = Forhåndsvis
forum-publish = Offentliggør
forum-staff-badge = medarbejder
forum-edited = redigeret
forum-edit = Rediger
forum-withdraw = Træk tilbage
forum-quote = Citér
forum-accept = Markér som godkendt svar
forum-accepted-answer = Godkendt svar
forum-accepted-in-context = Se det i tråden
forum-accepted-done = Svaret er markeret som godkendt og tråden som løst.
forum-accept-denied = Kun den, der spurgte, eller virksomhedens medarbejdere kan godkende et svar.
forum-accept-invalid = Det svar kan ikke blive det godkendte svar.
forum-rate-question = Hjalp svaret dig?
forum-rate-scale = 1 = slet ikke, 5 = fuldt ud.
forum-rate-submit = Bedøm
forum-rated = Spørgeren gav svaret { $rating } ud af 5.
forum-rated-done = Tak for din bedømmelse.
forum-rate-denied = Kun den, der spurgte, kan bedømme svar, og ikke sine egne.
forum-rate-invalid = Vælg en bedømmelse fra 1 til 5 for et godkendt eller officielt svar.
forum-reply = Svar
forum-reply-count = { $count ->
    [0] Ingen svar endnu
    [one] Ét svar
   *[other] { $count } svar
}
forum-in-reply-to = Svar til { $name }
forum-first-answer-after = første svar fra virksomheden efter { $time }
forum-subscribe = Følg tråden via e-mail
forum-unsubscribe = Stop med at følge tråden
forum-subscribed = Du får en e-mail, når nogen svarer.
forum-unsubscribed = Du følger ikke længere tråden.
forum-login-to-reply = Log ind for at svare.
forum-verify-first = Bekræft din e-mailadresse, før du skriver: se din kontoside.
forum-suspended = Din konto er for tiden udelukket fra at skrive.
forum-only-author = Kun forfatteren kan ændre eller trække et indlæg tilbage.
forum-post-withdrawn = Indlægget er trukket tilbage.
forum-thread-withdrawn = Forfatteren har trukket tråden tilbage, så den modtager ikke nye svar.
forum-edit-title = Rediger dit indlæg
forum-edit-hint = Tidligere versioner kan ses i indlæggets historik.
forum-history-title = Redigeringshistorik
forum-history-current = Nuværende version
forum-history-before = Version erstattet { $date }
forum-history-none = Indlægget er ikke blevet redigeret.
thread-kind-question = Spørgsmål
thread-kind-problem = Problem eller fejl
thread-kind-complaint = Klage
thread-kind-praise = Ros
thread-kind-suggestion = Forslag
thread-kind-discussion = Debat
thread-status-open = åben
thread-status-answered = besvaret af virksomheden
thread-status-solved = løst
pii-title = Personoplysninger i din tekst
pii-intro = Før noget offentliggøres: din tekst ser ud til at indeholde personoplysninger, som alle ville kunne læse.
pii-choice = Ret selv teksten nedenfor, eller lad os fjerne de markerede dele og offentliggøre resten.
pii-remove-and-post = Fjern de markerede dele og offentliggør
pii-private-later = Skal du give virksomheden et ordrenummer eller en adresse? Skriv det ikke offentligt.
pii-removed = [fjernet]
pii-swedish-personal-number = et svensk personnummer
pii-danish-cpr = et dansk CPR-nummer
pii-phone = et telefonnummer
pii-email = en e-mailadresse
pii-card = et betalingskortnummer
search-title = Søg
search-nothing = Intet fundet for »{ $query }«.
search-ask-instead = Spørg fællesskabet i stedet
search-forum-results = I forummet
search-question-by = Spørgsmål fra
search-reply-by = Svar fra
unsubscribe-title = Stop e-mails om tråden
unsubscribe-text = Du får en e-mail, når nogen svarer i »{ $title }«.
unsubscribe-submit = Stop disse e-mails
unsubscribe-back = Tilbage til tråden
unsubscribe-done-title = Du får ikke flere e-mails om tråden
unsubscribe-done-text = Du kan følge tråden igen fra dens side når som helst.
unsubscribe-gone-title = Allerede stoppet
unsubscribe-gone-text = Linket er ikke længere i brug: du følger ikke tråden mere.

## Reviews
companies-sort-name = Efter navn
companies-sort-score = Efter bedømmelse
companies-sort-reviews = Efter antal anmeldelser
email-invite-subject = { $company } vil gerne have din anmeldelse
email-invite-greeting = Hej,
email-invite-body = { $company } inviterer dig til at anmelde din oplevelse med dem på Tillit, et uafhængigt kundefællesskab.
email-invite-action = Skriv din anmeldelse
email-invite-honest = Vær ærlig: positiv eller negativ, din anmeldelse offentliggøres på samme måde. Linket virker én gang i 30 dage.
email-invite-footer = { $company } sendte invitationen via Tillit. Vi bruger ikke din adresse til andet.
email-review-reply-subject = { $company } har svaret på din anmeldelse
email-review-reply-body = { $company } har offentliggjort et svar på din anmeldelse på Tillit.
email-review-reply-action = Læs svaret
review-score = Bedømmelse
review-none-yet = Ingen anmeldelser endnu.
review-count = { $count ->
    [one] baseret på én anmeldelse
   *[other] baseret på { $count } anmeldelser
}
review-score-method = Bedømmelsen er et vægtet gennemsnit: hver virksomheds anmeldelser tælles sammen med 5 tænkte anmeldelser på { $mean } stjerner, så få anmeldelser ikke vejer tungere end mange; tilbagetrukne anmeldelser tæller ikke.
review-how-checked = Sådan indsamles og kontrolleres anmeldelser
review-distribution = Fordeling af bedømmelser
review-stars = { $count ->
    [one] 1 stjerne
   *[other] { $count } stjerner
}
review-rating-of = { $rating } ud af 5 stjerner
review-reviews = Anmeldelser
review-write = Skriv en anmeldelse
review-edit-yours = Rediger din anmeldelse
review-login-to-write = Log ind for at skrive en anmeldelse.
review-own-company = Du er medarbejder i virksomheden og kan derfor ikke anmelde den.
review-sort = Sortér
review-filter-stars = Stjerner
review-filter-label = Mærkning
review-filter-all = Alle
review-filter-apply = Vis
review-none-match = Ingen anmeldelser matcher.
review-experience-on = oplevelse { $date }
review-history-link = se tidligere versioner
review-withdrawn-by-author = Trukket tilbage af anmelderen. Den tæller ikke længere med i bedømmelsen.
review-reference-private = Reference (kun medarbejdere og moderatorer ser den)
review-helpful-count = { $count ->
    [0] Ingen har fundet den nyttig endnu
    [one] Én person fandt den nyttig
   *[other] { $count } personer fandt den nyttig
}
review-mark-helpful = Nyttig
review-helpful-done = Tak: markeret som nyttig.
review-helpful-already = Du har allerede markeret anmeldelsen som nyttig.
review-helpful-denied = Du kan ikke markere anmeldelsen som nyttig (din egen anmeldelse eller en anmeldelse af din virksomhed).
review-reply-from = Svar fra { $company }
review-reply-write = Svar offentligt som virksomheden
review-reply-edit = Rediger virksomhedens svar
review-reply-submit = Offentliggør svaret
review-reply-saved = Svaret er offentliggjort, og anmelderen har fået besked.
review-reply-staff-only = Kun virksomhedens medarbejdere kan svare på dens anmeldelser.
review-only-author = Kun anmelderen kan ændre eller trække en anmeldelse tilbage. Ingen andre — heller ikke virksomheden — kan.
review-withdrawn = Anmeldelsen er trukket tilbage.
review-write-title = Anmeld { $company }
review-edit-title = Rediger din anmeldelse
review-write-intro = Beskriv din egen oplevelse. Kritik er velkommen; personangreb og personoplysninger er ikke.
review-field-rating = Din bedømmelse
review-field-title = Overskrift
review-field-date = Dato for din oplevelse
review-field-reference = Ordre- eller bookingnummer (valgfrit)
review-field-reference-hint = Vises aldrig offentligt: kun virksomhedens medarbejdere og moderatorerne ser det, så de kan finde din sag.
review-field-body = Din anmeldelse
review-rating-required = Vælg mellem 1 og 5 stjerner.
review-date-future = Datoen kan ikke ligge i fremtiden.
review-date-invalid = Skriv en dato som 2026-03-14.
review-published = Din anmeldelse er offentliggjort.
review-saved = Din anmeldelse er gemt; den tidligere version findes i historikken.
review-already = Du har allerede anmeldt virksomheden: du kan redigere din anmeldelse.
review-withdrawn-done = Din anmeldelse er trukket tilbage. Den vises som trukket tilbage og tæller ikke længere med.
review-label-invited = inviteret af virksomheden
review-label-edited = redigeret
review-label-withdrawn = trukket tilbage
reviews-sort-newest = Nyeste først
reviews-sort-oldest = Ældste først
reviews-sort-highest = Højeste bedømmelse
reviews-sort-lowest = Laveste bedømmelse
reviews-sort-helpful = Mest nyttige
review-invitations = Invitationer til anmeldelse
review-invite-intro = Invitér jeres kunder til at anmelde jer. Hvert link virker én gang; anmeldelser skrevet via et link mærkes »inviteret af virksomheden«. Invitér alle kunder, ikke kun de tilfredse.
review-invite-by-email = Send via e-mail
review-invite-emails = E-mailadresser
review-invite-emails-hint = Én pr. linje, eller indsæt en CSV-kolonne; kommaer og semikoloner adskiller også. Højst 500 ad gangen.
review-invite-send = Send invitationer
review-invite-sent = Invitationerne er på vej.
review-invite-bad-addresses = Dette er ikke e-mailadresser: { $list }
review-invite-none = Skriv mindst én e-mailadresse.
review-invite-too-many = Højst { $max } adresser ad gangen.
review-invite-link-title = Et link, du selv sender
review-invite-link-create = Opret et engangslink
review-invite-link-label = Det nye link
review-invite-recent = Seneste invitationer
review-invite-no-recent = Ingen invitationer endnu.
review-invite-created = Oprettet
review-invite-used = brugt
review-invite-open = ikke brugt endnu
review-invite-link-only = link
review-invite-staff-only = Kun virksomhedens medarbejdere kan sende dens invitationer.
review-invite-invalid-title = Invitationen virker ikke
review-invite-invalid-text = Invitationslinket er ugyldigt, udløbet eller allerede brugt. Du kan stadig skrive en anmeldelse uden det.
review-write-anyway = Skriv en anmeldelse
review-invite-landing-title = { $company } inviterer til anmeldelse
review-invite-landing-text = Fortæl andre om din oplevelse med { $company }. Din anmeldelse offentliggøres uanset bedømmelse, mærket som inviteret.
review-invite-landing-login = Log ind eller opret en konto først; du kommer tilbage hertil.
about-reviews-title = Sådan indsamles og kontrolleres anmeldelser
about-reviews-who-title = Hvem kan skrive en anmeldelse
about-reviews-who = Alle med en konto og en bekræftet e-mailadresse kan anmelde en virksomhed én gang; de kan senere redigere eller trække deres anmeldelse tilbage, og alle tidligere versioner gemmes. Medarbejdere i en virksomhed kan ikke anmelde den.
about-reviews-invited-title = Inviterede anmeldelser
about-reviews-invited = Virksomheder må invitere deres kunder med engangslinks. Anmeldelser skrevet via en invitation mærkes »inviteret af virksomheden« og offentliggøres præcis som andre anmeldelser, uanset bedømmelse.
about-reviews-checks-title = Hvad vi kontrollerer
about-reviews-checks = Vi kontrollerer ikke hvert køb. Anmeldere kan angive et ordre- eller bookingnummer, som kun virksomhedens medarbejdere og vores moderatorer kan se. Før offentliggørelse kontrolleres teksten for personoplysninger som telefonnumre og personnumre.
about-reviews-removal-title = Virksomheder kan ikke fjerne anmeldelser
about-reviews-removal = En virksomhed kan svare offentligt på hver anmeldelse én gang, men kan ikke skjule, ændre eller slette en anmeldelse eller ændre dens bedømmelse. En anmeldelse fjernes aldrig, fordi den er negativ.
about-reviews-score-title = Sådan beregnes bedømmelsen
about-reviews-score-excluded = Tilbagetrukne anmeldelser vises stadig, mærket, men tæller ikke med i bedømmelsen.
review-reply-hint = Ét offentligt svar pr. anmeldelse, vist under den med virksomhedens navn. Du kan redigere det senere; tidligere versioner gemmes.

## Response-time badge
badge-not-measured = Typisk svartid: ikke målt endnu.
badge-minutes-hour = Svarer typisk inden for ca. { $minutes } min (spørgsmål besvaret inden for den seneste time; opdateret { $updated } UTC).
badge-minutes-day = Svarer typisk inden for ca. { $minutes } min (spørgsmål besvaret inden for det seneste døgn; opdateret { $updated } UTC).
badge-not-enough = For få besvarede spørgsmål i det seneste døgn til at sige, hvor hurtigt virksomheden svarer (opdateret { $updated } UTC).

