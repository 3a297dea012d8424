"""The import's quick phone path gives what phonenumbers gives, number for number.

``normalized_phone`` reads numbers in plain form by their digits alone and reads and
formats most international and national ones without ``phonenumbers.parse``
(app/interchange/keys.py). Here it is
compared with ``_parsed_phone`` (phonenumbers itself) over every country's example numbers
and many generated ones, written in the ways address books write them, in several regions.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from app.interchange import keys

REGIONS = ["DE", "US", "GB", "IT", "AR", "BY", ""]
SEPARATORS = [" ", "-", ".", "/", "(", ")", "  ", " - ", ""]


def reference(number: str, region: str) -> tuple[str, str, bool]:
    """The importer's phone normalisation before the quick path: phonenumbers on the text."""
    raw = " ".join(number.split())
    if raw[:4].lower() == "tel:":
        raw = raw[4:]
    return keys._parsed_phone(raw, region)


def scramble(rng: random.Random, digits: str) -> str:
    """The digits with separators between them, as people and address books write them."""
    out = []
    for i, d in enumerate(digits):
        if i and rng.random() < 0.3:
            out.append(rng.choice(SEPARATORS))
        out.append(d)
    return "".join(out)


def example_numbers() -> list[str]:
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in vars(PhoneNumberType).values():
            if not isinstance(kind, int):
                continue
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            for form in (PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL):
                found.append(phonenumbers.format_number(example, form))
            found.append(phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL))
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        for kind in vars(PhoneNumberType).values():
            if isinstance(kind, int):
                example = phonenumbers.example_number_for_non_geo_entity(code)
                if example is not None:
                    found.append(phonenumbers.format_number(example, PhoneNumberFormat.E164))
    return sorted(set(found))


def generated_numbers(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    found = []
    for _ in range(count):
        code = str(rng.choice(codes))
        length = rng.randint(1, 16)
        first = rng.choice("0123456789" if rng.random() < 0.2 else "123456789")
        digits = first + "".join(rng.choice("0123456789") for _ in range(length - 1))
        plus = rng.random()
        if plus < 0.6:
            text = "+" + scramble(rng, code + digits)
        elif plus < 0.7:
            text = "+" + code + " (0) " + scramble(rng, digits)
        elif plus < 0.8:
            text = "00" + scramble(rng, code + digits)
        else:
            text = scramble(rng, "0" + digits)
        found.append(text)
    return found


def odd_numbers() -> list[str]:
    """Text the quick path must leave to phonenumbers, and edge cases of its own."""
    return [
        "+49 30 1234567 ext. 12", "+49 30 1234567 x12", "+49 30 1234567#", "030 1234567;ext=5",
        "+1 800 FLOWERS", "tel:+49-30-1234567", "TEL:+49-30-1234567", "+49 30 12,,34",
        "+0 301234567", "+00 49 30 1234567", "+", "++49 30 1234567", "12", "1-2", "+12",
        "+49", "+491", "+4912", "+49 0151 2345678", "+39 06 1234 5678", "+39 312 345 6789",
        "+1 212 555 0123", "+1 1212 555 0123", "+54 9 11 1234 5678", "+54 11 1234 5678",
        "+7 800 555 35 35", "+44 (0)20 7946 0018", "+44 20 7946 0018", "(+49) 30 1234567",
        "+49 30 / 1234567", "+49 30 /x 1234567", "+49 30 123456789012345678", "+49 ٣٠ 1234567",
        "+８１ ３ １２３４ ５６７８", "- 030 1234567 -", "((030)) 1234567", "+49 (30) 1234567",
        "+" + "1" * 30, "0" * 40, " +49  30\t1234567 ", "+49 30 1234567" + " -" * 130,
        "+800 1234 5678", "+882 1234 5678", "+979 123 456 789", "+383 44 123 456",
        # Belarus: the number and the number without its national prefix 8 are both valid
        "8141403318", "8111302623", "8 10 49 30 1234567", "8 029 123 45 67",
    ]  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    keys.normalized_phone.cache_clear()
    keys._plain_phone.cache_clear()


@pytest.mark.parametrize("region", REGIONS)
def test_example_numbers_of_every_country(region: str) -> None:
    numbers = example_numbers()
    assert len(numbers) > 2000
    for number in numbers:
        assert keys.normalized_phone(number, region) == reference(number, region), number


@pytest.mark.parametrize("region", ["DE", "US", "GB", ""])
def test_generated_numbers(region: str) -> None:
    numbers = generated_numbers(3000, seed=sum(map(ord, region)) + 1)
    for number in numbers:
        assert keys.normalized_phone(number, region) == reference(number, region), number


@pytest.mark.parametrize("region", REGIONS)
def test_odd_numbers(region: str) -> None:
    for number in odd_numbers():
        assert keys.normalized_phone(number, region) == reference(number, region), number


def test_national_numbers_in_every_region() -> None:
    """Each region's example numbers in its own national form, and random numbers after
    its national prefix, read in that region."""
    rng = random.Random(7)
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        prefix = (metadata.national_prefix or "") if metadata else ""
        numbers = []
        for kind in vars(PhoneNumberType).values():
            example = (
                phonenumbers.example_number_for_type(region, kind)
                if isinstance(kind, int)
                else None
            )
            if example is not None:
                national = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
                numbers += [national, scramble(rng, national.translate(keys._SEPARATORS))]
        idd = (metadata.preferred_international_prefix or "") if metadata else ""
        for _ in range(12):
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(2, 14)))
            numbers.append(scramble(rng, prefix + digits))
            if idd.isdigit():  # dialled from abroad: 00 49 …, 8 10 49 …
                numbers.append(scramble(rng, idd + str(metadata.country_code) + digits))
        for number in numbers:
            assert keys.normalized_phone(number, region) == reference(number, region), (
                number,
                region,
            )
            checked += 1
    assert checked > 5000


def test_the_quick_path_is_taken() -> None:
    """Most international numbers skip phonenumbers.parse (else the test above proves
    little): count how often the direct path answers."""
    numbers = [n for n in example_numbers() if n.startswith("+")]
    answered = [
        n for n in numbers if keys._international(n.translate(keys._SEPARATORS)[1:]) is not None
    ]
    assert len(answered) > 0.8 * len(numbers)
    german = [f"0{n}" for n in range(301234567, 301244567, 7)] + ["0151 23456789", "089 123456"]
    assert all(keys._national(n.translate(keys._SEPARATORS), "DE") for n in german)
