#!/usr/bin/env python3
"""Writes a realistic facility register CSV (docs/facility-register.md) with valid identifiers.

Usage: generate-facilities.py ROWS OUT.csv [--areas HBG,HOG,ANG] [--separator ';']
Anläggnings-ID: 735999 + serial + GS1 check digit; meter numbers unique; Swedish-looking addresses, names,
postal codes and phone numbers; a tenth of the owners are companies. Deterministic for a given ROWS.
"""
import argparse
import random

STREETS = ["Storgatan", "Drottninggatan", "Kungsgatan", "Järnvägsgatan", "Bruksgatan", "Skolgatan", "Kyrkogatan",
           "Västra vägen", "Östra Storgatan", "Ängsvägen", "Björkvägen", "Sjögatan", "Hamngatan", "Parkgatan"]
CITIES = [("Helsingborg", "252"), ("Höganäs", "263"), ("Ängelholm", "262"), ("Jönköping", "553"), ("Bjuv", "267")]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Lindgren", "Holm", "Ek", "Berg", "Lindqvist", "Åberg", "Öberg"]
FIRST = ["Anna", "Eva", "Maria", "Karin", "Sara", "Lars", "Erik", "Per", "Karl", "Johan", "Maja", "Oskar", "Åsa"]
SUPPLIERS = ["Kullakraft Handel AB", "Sydel AB", "Vätterström AB", "Norrsken Energi AB"]


def gsrn(serial):
    payload = "735999" + str(serial).zfill(11)
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return payload + str((10 - total % 10) % 10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--areas", default="HBG,HOG,ANG")
    parser.add_argument("--separator", default=";")
    args = parser.parse_args()
    areas = args.areas.split(",")
    rng = random.Random(args.rows)
    sep = args.separator
    columns = ["gsrn", "technical_number", "meter_number", "street_address", "postal_code", "city",
               "property_designation", "grid_area_code", "main_fuse", "phases", "electricity_supplier",
               "owner_kind", "owner_name", "owner_last_name", "owner_first_name", "owner_care_of",
               "owner_street_address", "owner_postal_code", "owner_city", "owner_phone", "owner_email",
               "billing_kind", "billing_name", "billing_last_name", "billing_first_name", "billing_care_of",
               "billing_street_address", "billing_postal_code", "billing_city", "billing_phone", "billing_email",
               "billing_invoice_reference"]
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(sep.join(columns) + "\n")
        for serial in range(1, args.rows + 1):
            city, prefix = CITIES[serial % len(CITIES)]
            street = f"{STREETS[rng.randrange(len(STREETS))]} {rng.randrange(1, 120)}"
            postal = f"{prefix} {rng.randrange(10, 100)}"
            phone = f"07{rng.randrange(0, 10)}-{rng.randrange(100, 1000)} {rng.randrange(10, 100)} {rng.randrange(10, 100)}"
            if serial % 10 == 0:
                owner = ["organization", f"Brf {STREETS[serial % len(STREETS)]} {serial}", "", ""]
                email = f"styrelsen{serial}@brf.example"
            else:
                last, first = LAST[rng.randrange(len(LAST))], FIRST[rng.randrange(len(FIRST))]
                owner = ["person", "", last, first]
                email = f"{first.lower()}.{serial}@example.se"
            party = owner + ["", street, postal, city, phone, email]
            row = [gsrn(serial), f"T-{serial}", f"M{serial:09d}", street, postal, city, f"{city} Kvarter {serial % 997}:{serial % 31}",
                   areas[serial % len(areas)], str(rng.choice([16, 20, 25, 35, 50, 63])), rng.choice(["1", "3"]),
                   SUPPLIERS[serial % len(SUPPLIERS)]] + party + party + [f"Kundnr {serial}"]
            out.write(sep.join(row) + "\n")


if __name__ == "__main__":
    main()
