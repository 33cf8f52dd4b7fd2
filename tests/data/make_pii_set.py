"""Builds tests/data/pii_labelled.tsv: short texts in English, Swedish,
Danish and Norwegian with one personal datum each (labelled with its kind)
or with numbers and addresses that are not personal data (labelled
`none`): order numbers, prices, dates, payment references, file names.
The numbers are generated valid (dates, Luhn, modulus 11) with a fixed
seed; the sentences around them are hand-written. Deterministic.

    python3 tests/data/make_pii_set.py
"""
import datetime
import pathlib
import random

rng = random.Random(17)
rows = []


def luhn_digit(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = int(d)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def date(start=1930, end=2005):
    while True:
        y = rng.randint(start, end)
        m = rng.randint(1, 12)
        d = rng.randint(1, 31)
        try:
            return datetime.date(y, m, d)
        except ValueError:
            continue


def swedish(long=False, sep="-"):
    d = date()
    body = d.strftime("%y%m%d") + "".join(str(rng.randint(0, 9)) for _ in range(3))
    check = luhn_digit(body)
    ten = body + check
    if long:
        return d.strftime("%Y") + ten[2:6] + sep + ten[6:]
    return ten[:6] + sep + ten[6:]


def cpr(mod11=False, sep="-"):
    while True:
        d = date(1940, 1999)
        ten = d.strftime("%d%m%y") + str(rng.randint(0, 3)) + "".join(str(rng.randint(0, 9)) for _ in range(3))
        weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
        ok = sum(int(a) * w for a, w in zip(ten, weights)) % 11 == 0
        if ok == mod11:
            return ten[:6] + sep + ten[6:]


def mod11(digits, weights):
    r = 11 - sum(int(a) * w for a, w in zip(digits, weights)) % 11
    return 0 if r == 11 else (None if r == 10 else r)


def norwegian(d_number=False):
    while True:
        d = date(1940, 1999)
        day = d.day + (40 if d_number else 0)
        nine = f"{day:02d}" + d.strftime("%m%y") + str(rng.randint(0, 499)).zfill(3)
        k1 = mod11(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2])
        if k1 is None:
            continue
        k2 = mod11(nine + str(k1), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        if k2 is None:
            continue
        return nine + str(k1) + str(k2)


def luhn_number(prefix, length):
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)


def add(label, texts):
    for t in texts:
        rows.append((label, t))


for _ in range(4):
    add("pii-swedish-personal-number", [
        f"Mitt personnummer är {swedish()}, kan ni kolla?",
        f"Ange {swedish(long=True)} i formuläret sa de.",
        f"Personnummer {swedish(sep='')} står på fakturan.",
        f"Min pappa {swedish(sep=' ')} har också konto hos er.",
    ])
add("pii-swedish-personal-number", [f"Hon är född {swedish(sep='+')}, över hundra år, och fick ändå ingen hjälp."])
for _ in range(4):
    add("pii-danish-cpr", [
        f"Mit CPR-nummer er {cpr()} hvis I skal bruge det.",
        f"CPR {cpr(sep=' ')} står i brevet.",
        f"Skriv mit cpr nr {cpr(sep='')} ind i systemet.",
        f"Her er {cpr(mod11=True, sep='')} som I bad om.",
    ])
for _ in range(4):
    add("pii-norwegian-national-number", [
        f"Fødselsnummeret mitt er {norwegian()}, kan dere sjekke?",
        f"D-nummer {norwegian(d_number=True)} står på kortet.",
    ])
    n = norwegian()
    add("pii-norwegian-national-number", [f"Personnummer {n[:6]} {n[6:]} på søknaden."])
add("pii-phone", [
    "Ring mig på 070-123 45 67 efter lunch.",
    "Mitt nummer är 0701234567.",
    "Nå meg på 08-123 456 78 i kväll.",
    "Call me on +46 70 123 45 67.",
    "Ring 0046 70 123 45 67 om det brådskar.",
    "Ring +46 (0)70 123 45 67.",
    "Ring til mig på 23 45 67 89.",
    "Mit nummer er 2345 6789.",
    "Tlf 23-45-67-89 hele dagen.",
    "Ring mig på 23456789 i morgen.",
    "Ring 0045 23 45 67 89.",
    "Call +45 23 45 67 89 for the shop.",
    "Ring meg på 912 34 567.",
    "Mobil 41234567, ring etter fire.",
    "Telefon +47 912 34 567.",
    "Ring 0047 41 23 45 67.",
    "Text me on 0731 23 45 67.",
    "Mitt mobilnummer: 076-987 65 43.",
    "Du når mig på 031-12 34 56.",
    "SMS 31 45 67 89 hvis du vil.",
])
add("pii-email", [
    "Maila mig på karin.svensson@example.se.",
    "Skriv til mads_j@example.dk.",
    "My address is ola.nordmann+shop@example.no.",
    "Skriv till karin snabel-a exempel punkt se.",
    "Mail karin [at] example [dot] com please.",
    "Write to karin.s at gmail dot com.",
    "Skriv til mig: mads (at) example (dot) dk.",
    "Kontakt per snabela firma punkt no.",
    "ola.nordmann@post.example.no er adressen min.",
    "Send it to björn@exempel.se.",
])
def grouped(number, sep):
    return sep.join(number[i:i + 4] for i in range(0, len(number), 4))


for _ in range(3):
    add("pii-card", [
        f"Mitt kort {grouped(luhn_number('4', 16), ' ')} drogs två gånger.",
        f"Card number {luhn_number('5', 16)} was charged twice.",
        f"Kortnummer {grouped(luhn_number('4', 16), '-')}, udløb 12/27.",
    ])
add("pii-card", ["Amex 378282246310005 was refused."])

add("none", [
    "Order 12345678 arrived on 2024-12-15.",
    "Ordernummer 1234567890, levererad i tisdags.",
    "It cost 1 299 kr and took 3 weeks.",
    "Version 1.2.3 fixed it, ticket #4521.",
    "Priset gick från 2 499 till 3 199 kr.",
    "Betalt 24.12.2024 kl 20.30.",
    "Fakturan på 12 450 kr förföll 2024-11-30.",
    "Vi bor i 123 45-området sedan 2019.",
    "The image is logo@2x.png and icon@3x.jpg.",
    "Se bilaga skärmdump@2x.png.",
    "Jeg betalte 25.000 kr i december.",
    "Kunde nr 554433 har ringt tre gånger.",
    "Postnummer 8000 Aarhus, ingen husnummer.",
    "Prisen var 1.299,00 kr inkl. moms.",
    "Sagsnummer 2024-001234 er stadig åben.",
    "Trackingnummer 00370712345678901234 står fast.",
    "Klokken 14.30 den 3.4.2024 gik strømmen.",
    "I called them on three separate days.",
    "I looked at the page on the web site at noon.",
    "Kontakta kundtjänst via chatten.",
    "Skriv till oss via formuläret.",
    "Mailen kom från kundservice i går.",
    "CPR-lignende 2902831234 er ingen gyldig dato.",
    "Referensen 3103891234 gäller april.",
    "Hon fyller 100 i år och bor kvar hemma.",
    "The meter reading was 45 678 kWh.",
    "Målaren tog 4 500 kr per dag.",
    "Året 1985 var bättre för banken.",
    "Deres ordre 23-45-67 er sendt.",
    "Kampagnekode 2024-25 gælder ikke.",
])
for _ in range(6):
    ocr = luhn_number(str(rng.randint(1, 9)), rng.choice([10, 12, 14, 16]))
    add("none", [
        f"OCR {ocr}, betalas senast fredag.",
        f"Bankgiro 5050-1055, OCR-nummer {ocr}.",
        f"Indbetalingskort +71<{ocr[:15].zfill(15)}+87654321<",
        f"KID {ocr} på fakturaen.",
    ])

out = pathlib.Path(__file__).parent / "pii_labelled.tsv"
out.write_text(
    "# label\ttext — built by tests/data/make_pii_set.py\n"
    + "".join(f"{label}\t{text}\n" for label, text in rows),
    encoding="utf-8",
)
print(len(rows), "rows")
