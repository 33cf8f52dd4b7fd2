# Tillit — svenska.

## Layout
nav-skip = Hoppa till innehållet
nav-login = Logga in
nav-signup = Skapa konto
nav-logout = Logga ut
nav-account = Ditt konto
nav-account-label = Ditt konto
nav-admin = Administration
nav-language = Språk
nav-companies = Företag
search-label = Sök
search-placeholder = Sök i forumet och bland företag…
search-button = Sök
footer-tagline = Tillit — en kundgemenskap där kritik får stå kvar och varje fråga får ett svar.
footer-nav-label = Webbplats
greeting-user = Välkommen, { $name }
yes = Ja
no = Nej
pagination-next = Nästa sida

## Errors
error-400-title = Något är fel med förfrågan
error-400-text = Sidan kunde inte tolka det som skickades. Gå tillbaka, kontrollera det du skrev och försök igen.
error-403-title = Inte tillåtet
error-403-text = Du har inte behörighet att göra det.
error-404-title = Sidan finns inte
error-404-text = Det finns ingenting på den här adressen. Den kan ha flyttats, eller så är länken felskriven.
error-409-title = Det var redan gjort
error-429-title = För många försök
error-429-text = Du har försökt det här för många gånger på kort tid.
error-500-title = Något gick fel hos oss
error-500-text = Felet har loggats. Försök igen om en stund.
error-csrf-text = Formuläret hade gått ut eller kom inte från den här webbplatsen. Gå tillbaka, ladda om sidan och skicka igen.
error-login-required = Logga in för att fortsätta.
error-too-large = Det du skickade är för stort.
error-content-type = Formuläret skickades i ett format som sidan inte tar emot.
error-body-unreadable = Det du skickade kunde inte läsas helt. Försök igen.
error-home-link = Gå till startsidan
error-retry-after = { $minutes ->
    [one] Försök igen om en minut.
   *[other] Försök igen om { $minutes } minuter.
}

## Forms
form-has-errors = Rätta de markerade fälten.
form-required = Fältet måste fyllas i.
form-too-short = { $min ->
    [one] Skriv minst ett tecken.
   *[other] Skriv minst { $min } tecken.
}
form-too-long = { $max ->
    [one] Skriv högst ett tecken.
   *[other] Skriv högst { $max } tecken.
}
form-invalid-utf8 = Några tecken kunde inte läsas och ersattes med �. Kontrollera texten.
form-invalid-characters = Ta bort styrtecknen ur fältet.
form-email-invalid = Skriv en e-postadress som namn@exempel.se.
field-email = E-postadress
field-display-name = Visningsnamn
field-display-name-hint = Visas bredvid det du skriver. 2 till 50 tecken.
field-password = Lösenord
field-password-hint = Minst 12 tecken. Några orelaterade ord blir ett starkt lösenord.
field-new-password = Nytt lösenord
field-current-password = Nuvarande lösenord

## Passwords
password-too-short = Lösenordet måste ha minst 12 tecken.
password-too-long = Lösenordet får ha högst 256 tecken.
password-common = Det här är ett av de vanligaste lösenorden; välj ett som ingen annan använder.
password-similar-common = Det här liknar ett vanligt lösenord för mycket.
password-personal = Lösenordet innehåller ditt namn eller din e-postadress; välj något annat.
password-keyboard = Tangentbordsmönster som "qwerty" är lätta att gissa.
password-repeats = Upprepade tecken eller ord är lätta att gissa.
password-sequence = Följder som "abc" eller "1234" är lätta att gissa.
password-dates = Datum och årtal är lätta att gissa.
password-word = Ett enstaka ord eller namn är lätt att gissa; lägg till några ord till.
password-guessable = Lösenordet vore lätt att gissa. Lägg till några orelaterade ord.

## Sign-up and verification
signup-title = Skapa ett konto
signup-intro = Med ett konto kan du ställa frågor, svara andra och recensera företag.
signup-submit = Skapa konto
signup-have-account = Har du redan ett konto?
signup-done-title = Titta i din inkorg
signup-done-text = Vi har skickat ett mejl till adressen du angav. Följ länken i det för att bekräfta adressen och logga sedan in. Syns det inte inom några minuter, titta i skräpposten.
verify-done = Din e-postadress är bekräftad. Välkommen!
verify-invalid-title = Länken fungerar inte
verify-invalid-text = Bekräftelselänken är ogiltig, har gått ut eller har redan använts. Logga in och be om en ny från din kontosida.
verify-resent = Vi har skickat ett nytt bekräftelsemejl.
verify-resend-limited = Vi har redan skickat flera bekräftelsemejl. Vänta en timme innan du ber om ett nytt.

## Login
login-title = Logga in
login-submit = Logga in
login-forgot = Glömt lösenordet?
login-no-account = Ny här?
login-failed = E-postadressen eller lösenordet är fel.
login-throttled = För många misslyckade inloggningsförsök.
logout-everywhere-title = Utloggad överallt
logout-everywhere-text = Alla sessioner för ditt konto, på alla enheter, har avslutats. Logga in igen för att fortsätta.

## Password reset
reset-title = Återställ ditt lösenord
reset-intro = Skriv e-postadressen till ditt konto så skickar vi en länk där du väljer ett nytt lösenord.
reset-submit = Skicka länken
reset-sent-title = Titta i din inkorg
reset-sent-text = Om det finns ett konto för adressen har vi skickat en länk dit. Länken fungerar i en timme.
reset-invalid-title = Länken fungerar inte
reset-invalid-text = Länken för att återställa lösenordet är ogiltig, har gått ut eller har redan använts.
reset-request-again = Be om en ny länk
reset-confirm-title = Välj ett nytt lösenord
reset-confirm-submit = Spara det nya lösenordet
reset-done-title = Ditt lösenord är ändrat
reset-done-text = Alla sessioner för ditt konto har loggats ut. Logga in med ditt nya lösenord.

## Account
account-title = Ditt konto
account-unverified-title = Bekräfta din e-postadress
account-unverified-text = Vi skickade en bekräftelselänk till { $email }. Du behöver bekräfta adressen innan du kan skriva inlägg.
account-resend = Skicka länken igen
account-profile = Profil
account-save = Spara
account-profile-saved = Din profil har sparats.
account-password = Lösenord
account-change-password = Byt lösenord
account-current-password-wrong = Det nuvarande lösenordet är fel.
account-password-changed = Ditt lösenord är bytt. Dina andra sessioner har loggats ut.
account-language = Språk
account-language-label = Språk för webbplatsen och våra mejl
account-sessions = Sessioner
account-sessions-text = Tappat telefonen eller använt en delad dator? Avsluta alla sessioner för ditt konto, även den här.
account-logout-everywhere = Logga ut överallt

## Administration
admin-users-title = Användare
admin-users-search = Sök på e-post eller namn
admin-users-none = Inga användare hittades.
admin-roles = Roller
admin-joined = Gick med
admin-verified = E-post bekräftad
admin-unverified = obekräftad
admin-roles-saved = Rollerna har sparats.
admin-moderator-title = Moderatorsroll
admin-moderator-text = Moderatorer arbetar med modereringskön för alla företag. De tillhör plattformen, inte ett företag.
admin-make-moderator = Gör till moderator
admin-revoke-moderator = Ta bort moderatorsrollen
admin-staff-title = Personal hos företag
admin-staff-none = Inte personal hos något företag.
admin-staff-add-label = Företag
admin-staff-add = Gör till personal hos företaget
admin-staff-remove = Ta bort från { $company }
admin-company-missing = Välj ett företag i listan.
admin-no-companies = Inga företag ännu.
admin-companies-title = Företag
admin-company-new = Nytt företag
admin-company-create = Skapa företag
admin-company-list = Alla företag
admin-company-created = Företaget har skapats.
admin-company-slug-invalid = Adressnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck.
admin-company-slug-taken = Ett annat företag använder redan adressnamnet.
admin-company-website-invalid = Skriv en webbadress som börjar med http:// eller https://.
field-company-name = Namn
field-company-slug = Adressnamn
field-company-slug-hint = Används i sidans adress, t.ex. /companies/nordlys-energi. Lämna tomt för att skapa det från namnet.
field-company-website = Webbplats
field-company-description = Beskrivning
role-admin = administratör
role-moderator = moderator
role-customer = kund
role-staff-of = personal hos { $company }

## Home and companies
home-title = Start
home-headline = Fråga, svara och recensera — och få ett rättvist svar
home-intro = Tillit är en kundgemenskap: be företag och andra kunder om hjälp, dela dina erfarenheter och se hur snabbt varje företag svarar.
home-companies = Företag
home-all-companies = Alla företag
companies-title = Företag
companies-search-label = Hitta ett företag på namn
companies-none = Inga företag ännu.
companies-no-match = Inget företag matchar "{ $query }".
company-website = Webbplats

## Email
email-greeting = Hej { $name },
email-footer-transactional = Du får det här mejlet på grund av en händelse på ditt Tillit-konto. Det går inte att avregistrera sig från, eftersom det gäller ditt kontos säkerhet.
email-not-you = Om det inte var du kan du bortse från mejlet.
email-verify-subject = Bekräfta din e-postadress för Tillit
email-verify-body = Tack för att du skapade ett konto. Bekräfta din e-postadress genom att följa länken:
email-verify-action = Bekräfta min adress
email-verify-expiry = Länken fungerar i 48 timmar.
email-exists-subject = Någon försökte skapa ett konto med din adress
email-exists-body = Någon — kanske du — försökte skapa ett nytt Tillit-konto med den här e-postadressen, men du har redan ett. Har du glömt lösenordet kan du välja ett nytt:
email-exists-action = Återställ mitt lösenord
email-reset-subject = Återställ ditt lösenord på Tillit
email-reset-body = Vi har fått en begäran om att återställa lösenordet till ditt Tillit-konto. Välj ett nytt lösenord här:
email-reset-action = Välj ett nytt lösenord
email-reset-expiry = Länken fungerar i en timme och bara en gång.
email-changed-subject = Ditt lösenord på Tillit har ändrats
email-changed-body = Lösenordet till ditt Tillit-konto har just ändrats, och alla andra sessioner har loggats ut. Om det inte var du, återställ lösenordet genast:
email-changed-action = Återställ mitt lösenord

## Forum, search and the desk
nav-forum = Forum
nav-desk = Kundtjänst
nav-main-label = Huvudmeny
company-forum-link = Fråga { $company } i forumet
category-general = Allmänt
category-tips = Tips och erfarenheter
duration-minutes = { $m } min
duration-hours = { $h } tim { $m } min
duration-days = { $d } d { $h } tim
desk-title = Obesvarade trådar
desk-intro = Trådar i era företagsavdelningar som ingen från företaget har svarat på ännu: problem och klagomål först, sedan frågor, sedan beröm och förslag; den som väntat längst först.
desk-empty = Alla trådar har fått svar. Bra jobbat!
desk-staff-only = Sidan är till för företagens personal.
desk-col-kind = Typ
desk-col-company = Företag
desk-col-waited = Väntat
email-footer-unsubscribe = Du får det här mejlet eftersom du följer tråden. Öppna länken för att sluta få dem:
email-reply-subject = Nytt svar: { $title }
email-reply-body = { $author } har svarat i ”{ $title }”.
email-reply-action = Läs svaret
forum-title = Forum
forum-intro = Ställ en fråga, dela en erfarenhet eller hjälp någon annan. Personal från varje företag svarar i företagets avdelning.
forum-general = Allmänt
forum-company-sections = Företagens avdelningar
forum-company-page = Företagets sida
forum-new-thread = Starta en tråd
forum-show-unanswered = Visa bara trådar utan svar från företaget
forum-show-all = Visa alla trådar
forum-no-threads = Inga trådar här ännu.
forum-col-thread = Tråd
forum-col-status = Status
forum-col-replies = Svar
forum-col-activity = Senast aktiv
forum-withdrawn-short = tillbakadragen
forum-withdrawn-by-author = Tillbakadraget av författaren.
forum-withdrawn-done = Ditt inlägg är tillbakadraget. Det behåller sin plats, markerat som tillbakadraget.
forum-field-title = Rubrik
forum-field-kind = Vad gäller det?
forum-field-body = Din text
forum-field-reply = Ditt svar
forum-kind-invalid = Välj en av typerna i listan.
forum-markdown-hint = Markdown fungerar: **fet**, *kursiv*, [länk](https://…), listor och `kod`.
forum-preview = Förhandsgranska
forum-publish = Publicera
forum-staff-badge = personal
forum-edited = redigerat
forum-edit = Redigera
forum-withdraw = Dra tillbaka
forum-quote = Citera
forum-accept = Markera som godkänt svar
forum-accepted-answer = Godkänt svar
forum-accepted-in-context = Se det i tråden
forum-accepted-done = Svaret är markerat som godkänt och tråden som löst.
forum-accept-denied = Bara den som frågade, eller företagets personal, kan godkänna ett svar.
forum-accept-invalid = Det svaret kan inte bli det godkända svaret.
forum-rate-question = Hjälpte svaret dig?
forum-rate-scale = 1 = inte alls, 5 = helt och hållet.
forum-rate-submit = Betygsätt
forum-rated = Frågeställaren gav svaret { $rating } av 5.
forum-rated-done = Tack för ditt betyg.
forum-rate-denied = Bara den som frågade kan betygsätta svar, och inte sina egna.
forum-rate-invalid = Välj ett betyg från 1 till 5 för ett godkänt eller officiellt svar.
forum-reply = Svara
forum-reply-count = { $count ->
    [0] Inga svar ännu
    [one] Ett svar
   *[other] { $count } svar
}
forum-in-reply-to = Svar till { $name }
forum-first-answer-after = första svaret från företaget efter { $time }
forum-subscribe = Följ tråden via e-post
forum-unsubscribe = Sluta följa tråden
forum-subscribed = Du får ett mejl när någon svarar.
forum-unsubscribed = Du följer inte längre tråden.
forum-login-to-reply = Logga in för att svara.
forum-verify-first = Bekräfta din e-postadress innan du skriver: se din kontosida.
forum-suspended = Ditt konto är för närvarande avstängt från att skriva.
forum-only-author = Bara författaren kan ändra eller dra tillbaka ett inlägg.
forum-post-withdrawn = Inlägget är tillbakadraget.
forum-thread-withdrawn = Författaren har dragit tillbaka tråden, så den tar inte emot nya svar.
forum-edit-title = Redigera ditt inlägg
forum-edit-hint = Tidigare versioner syns i inläggets historik.
forum-history-title = Redigeringshistorik
forum-history-current = Nuvarande version
forum-history-before = Version ersatt { $date }
forum-history-none = Inlägget har inte redigerats.
thread-kind-question = Fråga
thread-kind-problem = Problem eller fel
thread-kind-complaint = Klagomål
thread-kind-praise = Beröm
thread-kind-suggestion = Förslag
thread-kind-discussion = Diskussion
thread-status-open = öppen
thread-status-answered = besvarad av företaget
thread-status-solved = löst
pii-title = Personuppgifter i din text
pii-intro = Innan något publiceras: din text verkar innehålla personuppgifter som alla skulle kunna läsa.
pii-choice = Redigera texten själv nedan, eller låt oss ta bort de markerade delarna och publicera resten.
pii-remove-and-post = Ta bort de markerade delarna och publicera
pii-private-later = Behöver du ge företaget ett ordernummer eller en adress? Skriv det inte offentligt.
pii-removed = [borttaget]
pii-swedish-personal-number = ett svenskt personnummer
pii-danish-cpr = ett danskt CPR-nummer
pii-phone = ett telefonnummer
pii-email = en e-postadress
pii-card = ett kortnummer
search-title = Sök
search-nothing = Inga träffar för ”{ $query }”.
search-ask-instead = Fråga gemenskapen i stället
search-forum-results = I forumet
search-question-by = Fråga av
search-reply-by = Svar av
unsubscribe-title = Sluta få mejl om tråden
unsubscribe-text = Du får ett mejl när någon svarar i ”{ $title }”.
unsubscribe-submit = Sluta skicka mejlen
unsubscribe-back = Tillbaka till tråden
unsubscribe-done-title = Du får inga fler mejl om tråden
unsubscribe-done-text = Du kan följa tråden igen från dess sida när du vill.
unsubscribe-gone-title = Redan avslutat
unsubscribe-gone-text = Länken används inte längre: du följer inte tråden längre.

## Reviews
companies-sort-name = Efter namn
companies-sort-score = Efter betyg
companies-sort-reviews = Efter antal recensioner
email-invite-subject = { $company } vill gärna ha din recension
email-invite-greeting = Hej,
email-invite-body = { $company } bjuder in dig att recensera din upplevelse av dem på Tillit, en oberoende kundgemenskap.
email-invite-action = Skriv din recension
email-invite-honest = Var ärlig: positiv eller negativ, din recension publiceras på samma sätt. Länken fungerar en gång, i 30 dagar.
email-invite-footer = { $company } skickade inbjudan via Tillit. Vi använder inte din adress till något annat.
email-review-reply-subject = { $company } har svarat på din recension
email-review-reply-body = { $company } har publicerat ett svar på din recension på Tillit.
email-review-reply-action = Läs svaret
review-score = Betyg
review-none-yet = Inga recensioner ännu.
review-count = { $count ->
    [one] baserat på en recension
   *[other] baserat på { $count } recensioner
}
review-score-method = Betyget är ett vägt medelvärde: varje företags recensioner räknas tillsammans med 5 tänkta recensioner på { $mean } stjärnor, så att några få recensioner inte väger tyngre än många; tillbakadragna recensioner räknas inte.
review-how-checked = Så samlas och kontrolleras recensioner
review-distribution = Betygsfördelning
review-stars = { $count ->
    [one] 1 stjärna
   *[other] { $count } stjärnor
}
review-rating-of = { $rating } av 5 stjärnor
review-reviews = Recensioner
review-write = Skriv en recension
review-edit-yours = Redigera din recension
review-login-to-write = Logga in för att skriva en recension.
review-own-company = Du är anställd på företaget och kan därför inte recensera det.
review-sort = Sortera
review-filter-stars = Stjärnor
review-filter-label = Märkning
review-filter-all = Alla
review-filter-apply = Visa
review-none-match = Inga recensioner matchar.
review-experience-on = upplevelse { $date }
review-history-link = se tidigare versioner
review-withdrawn-by-author = Tillbakadragen av recensenten. Den räknas inte längre i betyget.
review-reference-private = Referens (syns bara för personal och moderatorer)
review-helpful-count = { $count ->
    [0] Ingen har tyckt att den var till hjälp ännu
    [one] En person tyckte att den var till hjälp
   *[other] { $count } personer tyckte att den var till hjälp
}
review-mark-helpful = Till hjälp
review-helpful-done = Tack: markerad som till hjälp.
review-helpful-already = Du har redan markerat recensionen som till hjälp.
review-helpful-denied = Du kan inte markera recensionen som till hjälp (din egen recension, eller en recension av ditt företag).
review-reply-from = Svar från { $company }
review-reply-write = Svara offentligt som företaget
review-reply-edit = Redigera företagets svar
review-reply-submit = Publicera svaret
review-reply-saved = Svaret är publicerat och recensenten har fått besked.
review-reply-staff-only = Bara företagets personal kan svara på dess recensioner.
review-only-author = Bara recensenten kan ändra eller dra tillbaka en recension. Ingen annan — inte heller företaget — kan det.
review-withdrawn = Recensionen är tillbakadragen.
review-write-title = Recensera { $company }
review-edit-title = Redigera din recension
review-write-intro = Beskriv din egen upplevelse. Kritik är välkommen; personangrepp och personuppgifter är det inte.
review-field-rating = Ditt betyg
review-field-title = Rubrik
review-field-date = Datum för din upplevelse
review-field-reference = Order- eller bokningsnummer (valfritt)
review-field-reference-hint = Visas aldrig offentligt: bara företagets personal och moderatorerna ser det, så att de kan hitta ditt ärende.
review-field-body = Din recension
review-rating-required = Välj mellan 1 och 5 stjärnor.
review-date-future = Datumet kan inte ligga i framtiden.
review-date-invalid = Skriv ett datum som 2026-03-14.
review-published = Din recension är publicerad.
review-saved = Din recension är sparad; den tidigare versionen finns kvar i historiken.
review-already = Du har redan recenserat företaget: du kan redigera din recension.
review-withdrawn-done = Din recension är tillbakadragen. Den syns som tillbakadragen och räknas inte längre i betyget.
review-label-invited = inbjuden av företaget
review-label-edited = redigerad
review-label-withdrawn = tillbakadragen
reviews-sort-newest = Nyast först
reviews-sort-oldest = Äldst först
reviews-sort-highest = Högst betyg
reviews-sort-lowest = Lägst betyg
reviews-sort-helpful = Mest till hjälp
review-invitations = Inbjudningar till recension
review-invite-intro = Bjud in era kunder att recensera er. Varje länk fungerar en gång; recensioner som skrivs via en länk märks ”inbjuden av företaget”. Bjud in alla kunder, inte bara de nöjda.
review-invite-by-email = Skicka med e-post
review-invite-emails = E-postadresser
review-invite-emails-hint = En per rad, eller klistra in en CSV-kolumn; kommatecken och semikolon skiljer också. Högst 500 åt gången.
review-invite-send = Skicka inbjudningar
review-invite-sent = Inbjudningarna är på väg.
review-invite-bad-addresses = Det här är inte e-postadresser: { $list }
review-invite-none = Skriv minst en e-postadress.
review-invite-too-many = Högst { $max } adresser åt gången.
review-invite-link-title = En länk att skicka själv
review-invite-link-create = Skapa en engångslänk
review-invite-link-label = Den nya länken
review-invite-recent = Senaste inbjudningar
review-invite-no-recent = Inga inbjudningar ännu.
review-invite-created = Skapad
review-invite-used = använd
review-invite-open = inte använd ännu
review-invite-link-only = länk
review-invite-staff-only = Bara företagets personal kan skicka dess inbjudningar.
review-invite-invalid-title = Inbjudan fungerar inte
review-invite-invalid-text = Inbjudningslänken är ogiltig, har gått ut eller har redan använts. Du kan ändå skriva en recension utan den.
review-write-anyway = Skriv en recension
review-invite-landing-title = { $company } bjuder in till recension
review-invite-landing-text = Berätta för andra om din upplevelse av { $company }. Din recension publiceras oavsett betyg, märkt som inbjuden.
review-invite-landing-login = Logga in eller skapa ett konto först; du kommer tillbaka hit.
about-reviews-title = Så samlas och kontrolleras recensioner
about-reviews-who-title = Vem kan skriva en recension
about-reviews-who = Alla med ett konto och en bekräftad e-postadress kan recensera ett företag en gång; de kan senare redigera eller dra tillbaka sin recension, och alla tidigare versioner sparas. Personal på ett företag kan inte recensera det.
about-reviews-invited-title = Inbjudna recensioner
about-reviews-invited = Företag får bjuda in sina kunder med engångslänkar. Recensioner som skrivs via en inbjudan märks ”inbjuden av företaget” och publiceras precis som andra recensioner, oavsett betyg.
about-reviews-checks-title = Vad vi kontrollerar
about-reviews-checks = Vi kontrollerar inte varje köp. Recensenter kan ange ett order- eller bokningsnummer, som bara företagets personal och våra moderatorer ser. Innan publicering kontrolleras texten efter personuppgifter som telefonnummer och personnummer.
about-reviews-removal-title = Företag kan inte ta bort recensioner
about-reviews-removal = Ett företag kan svara offentligt på varje recension, en gång, men kan inte dölja, ändra eller ta bort en recension, och inte heller ändra betyget. En recension tas aldrig bort för att den är negativ.
about-reviews-score-title = Så räknas betyget
about-reviews-score-excluded = Tillbakadragna recensioner syns kvar, märkta, men räknas inte i betyget.
review-reply-hint = Ett offentligt svar per recension, som visas under den med företagets namn. Du kan redigera det senare; tidigare versioner sparas.

## Response-time badge
badge-not-measured = Typisk svarstid: inte uppmätt ännu.
badge-minutes-hour = Svarar vanligtvis inom cirka { $minutes } min (frågor besvarade den senaste timmen; uppdaterat { $updated } UTC).
badge-minutes-day = Svarar vanligtvis inom cirka { $minutes } min (frågor besvarade det senaste dygnet; uppdaterat { $updated } UTC).
badge-not-enough = För få besvarade frågor det senaste dygnet för att säga hur snabbt företaget svarar (uppdaterat { $updated } UTC).

