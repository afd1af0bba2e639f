"""The Kursk story as demo data, in our own words: parties, sources, events, articles, a queue."""

import datetime
import zoneinfo
from decimal import Decimal

from newsroom.moderation.models import Submission
from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Source
from timeline.models import Event, Place

DEFAULT_PASSWORD = "newsroom-demo"
USERNAMES = ("editor", "reporter", "moderator", "translator")
# Invented people, so that bylines and the desk read like a newsroom's.
ACCOUNT_NAMES = {
    "editor": ("Daria", "Lysenko"),
    "reporter": ("Tom", "Hale"),
    "moderator": ("Iryna", "Bondar"),
    "translator": ("Oksana", "Melnyk"),
}
# A fixed moment in the past, so a second run has nothing to change.
PUBLISHED_AT = datetime.datetime(2024, 8, 31, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv"))
# The name the "camera" gave the reader's photo; it must never reach storage.
RAW_PHOTO_NAME = "IMG_0815_reader_camera.jpg"

Kind = Event.Kind
Verification = Event.Verification
Stance = Citation.Stance

PARTIES = [
    {"slug": "ukraine", "name": "Ukraine"},
    {"slug": "russia", "name": "Russia"},
]

STORYLINES = [
    {
        "slug": "kursk-incursion",
        "title": "The Kursk incursion",
        "colour": "#8c2d19",
        "summary": "Ukraine's cross-border offensive into Russia's Kursk region, which began on "
        "6 August 2024, and Russia's response to it.",
    },
    {
        "slug": "diplomatic-fallout",
        "title": "The diplomatic fallout",
        "colour": "#1f4e79",
        "summary": "Talks and their delays, statements by both sides, and the question of "
        "permission to use Western long-range weapons.",
    },
    {
        "slug": "nuclear-safety",
        "title": "Nuclear safety",
        "colour": "#6b4e00",
        "summary": "The Zaporizhzhia nuclear power plant and the accusations over “dirty bombs”.",
    },
]

LocationPrecision = Place.LocationPrecision
PLACES = [
    {
        "slug": "kursk-region",
        "name": "Kursk region",
        "region": "",
        "country": "Russia",
        "latitude": Decimal("51.73"),
        "longitude": Decimal("36.19"),
        "location_precision": LocationPrecision.AREA,
    },
    {
        "slug": "glushkovo",
        "name": "Glushkovo",
        "region": "Kursk region",
        "country": "Russia",
        "latitude": Decimal("51.34"),
        "longitude": Decimal("34.63"),
        "location_precision": LocationPrecision.AREA,
    },
    {
        # The bridge's own position is not in our facts: the coordinates are the town's, which
        # is exactly what "near" promises.
        "slug": "seym-river-bridge-glushkovo",
        "name": "Seym River bridge near Glushkovo",
        "region": "Kursk region",
        "country": "Russia",
        "latitude": Decimal("51.34"),
        "longitude": Decimal("34.63"),
        "location_precision": LocationPrecision.NEAR,
    },
    {
        "slug": "sudzha",
        "name": "Sudzha",
        "region": "Kursk region",
        "country": "Russia",
        "latitude": Decimal("51.19"),
        "longitude": Decimal("35.27"),
        "location_precision": LocationPrecision.AREA,
    },
    {
        "slug": "zaporizhzhia-nuclear-power-plant",
        "name": "Zaporizhzhia nuclear power plant",
        "region": "Zaporizhzhia region",
        "country": "Ukraine",
        "latitude": Decimal("47.51"),
        "longitude": Decimal("34.58"),
        "location_precision": LocationPrecision.POINT,
    },
    {
        "slug": "doha",
        "name": "Doha",
        "region": "",
        "country": "Qatar",
        "latitude": Decimal("25.29"),
        "longitude": Decimal("51.53"),
        "location_precision": LocationPrecision.AREA,
    },
]

INDEPENDENT = Source.Affiliation.INDEPENDENT
PARTY = Source.Affiliation.PARTY
SOURCES = [
    {
        "slug": "the-independent",
        "name": "The Independent",
        "short_name": "The Independent",
        "kind": Source.Kind.NEWS_OUTLET,
        "country": "United Kingdom",
        "affiliation": INDEPENDENT,
        "description": "A British national news outlet.",
    },
    {
        "slug": "uk-ministry-of-defence",
        "name": "UK Ministry of Defence",
        "short_name": "the UK Ministry of Defence",
        "kind": Source.Kind.GOVERNMENT,
        "country": "United Kingdom",
        "affiliation": INDEPENDENT,
        "description": "The British government's defence department. The UK is not a party to "
        "the conflict, but it supports Ukraine.",
    },
    {
        "slug": "cnn",
        "name": "CNN",
        "short_name": "CNN",
        "kind": Source.Kind.NEWS_OUTLET,
        "country": "United States",
        "affiliation": INDEPENDENT,
        "description": "An American news network. Its correspondent Nick Paton Walsh has "
        "reported from the Kursk region.",
    },
    {
        "slug": "ministry-of-defence-of-ukraine",
        "name": "Ministry of Defence of Ukraine",
        "short_name": "Ukraine's defence ministry",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "The Ukrainian government department in charge of the armed forces.",
    },
    {
        "slug": "office-of-the-president-of-ukraine",
        "name": "Office of the President of Ukraine",
        "short_name": "Ukraine's presidential office",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "The office of President Zelenskyy, including his advisers.",
    },
    {
        "slug": "ministry-of-foreign-affairs-of-ukraine",
        "name": "Ministry of Foreign Affairs of Ukraine",
        "short_name": "Ukraine's foreign ministry",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "Ukraine's foreign ministry.",
    },
    {
        # Named separately from the foreign ministry so an attribution line can name both.
        "slug": "ukrainian-national-security-officials",
        "name": "Ukrainian national security officials",
        "short_name": "Ukrainian national security officials",
        "kind": Source.Kind.SPOKESPERSON,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "Officials of Ukraine's national security bodies.",
    },
    {
        "slug": "ministry-of-foreign-affairs-of-russia",
        "name": "Ministry of Foreign Affairs of Russia",
        "short_name": "Russia's foreign ministry",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Russia",
        "affiliation": PARTY,
        "party": "russia",
        "description": "Russia's foreign ministry. Its spokesperson is Maria Zakharova.",
    },
    {
        "slug": "russian-officials",
        "name": "Russian officials (unnamed)",
        "short_name": "Russian officials",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Russia",
        "affiliation": PARTY,
        "party": "russia",
        "description": "Russian government officials who were not named.",
    },
    {
        "slug": "social-media-videos",
        "name": "Social media videos",
        "short_name": "videos shared on social media",
        "kind": Source.Kind.SOCIAL_MEDIA,
        "country": "",
        "affiliation": Source.Affiliation.UNKNOWN,
        "description": "Footage posted by users. Who filmed it, and where and when, has not "
        "been independently verified.",
    },
    {
        "slug": "the-washington-post",
        "name": "The Washington Post",
        "short_name": "The Washington Post",
        "kind": Source.Kind.NEWS_OUTLET,
        "country": "United States",
        "affiliation": INDEPENDENT,
        "description": "An American daily newspaper.",
    },
    {
        "slug": "iaea",
        "name": "International Atomic Energy Agency (IAEA)",
        "short_name": "the IAEA",
        "kind": Source.Kind.INTERNATIONAL,
        "country": "",
        "affiliation": INDEPENDENT,
        "description": "The international organisation for nuclear safety. It reports on the "
        "Zaporizhzhia plant without taking either side.",
    },
    {
        "slug": "kursk-regional-administration",
        "name": "Kursk regional administration",
        "short_name": "the Kursk regional administration",
        "kind": Source.Kind.GOVERNMENT,
        "country": "Russia",
        "affiliation": PARTY,
        "party": "russia",
        "description": "The government of Russia's Kursk region. Its acting governor in "
        "August 2024 was Alexey Smirnov.",
    },
    {
        "slug": "ukrainian-air-force",
        "name": "Ukrainian Air Force",
        "short_name": "Ukraine's air force",
        "kind": Source.Kind.MILITARY,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "Ukraine's air force. Its commander in August 2024 was Mykola Oleshchuk.",
    },
    {
        "slug": "commander-in-chief-of-ukraines-armed-forces",
        "name": "Commander-in-Chief of the Armed Forces of Ukraine",
        "short_name": "Ukraine's commander-in-chief",
        "kind": Source.Kind.MILITARY,
        "country": "Ukraine",
        "affiliation": PARTY,
        "party": "ukraine",
        "description": "The head of Ukraine's armed forces: Oleksandr Syrskyi in August 2024.",
    },
]


def cite(source, stance, *, speaker="", quote="", said_on=None):
    return {
        "source": source,
        "stance": stance,
        "speaker": speaker,
        "quote": quote,
        "published_on": said_on,
    }


# Dates are the parts the story gives: (year, month), (year, month, day) or, with an hour,
# (year, month, day, hour) in Kyiv time; never a guessed day. "approximate" marks a "c." date.
EVENTS = [
    {
        "slug": "ukrainian-incursion-into-kursk-region-begins",
        "title": "Ukrainian forces cross into Russia's Kursk region",
        "summary": "Ukrainian troops launch an incursion across the border into the Kursk "
        "region of Russia. The start of the operation has been widely reported.",
        "date": (2024, 8, 6),
        "kind": Kind.MILITARY,
        "verification": Verification.CONFIRMED,
        "storylines": ["kursk-incursion"],
        "place": "kursk-region",
        "is_key": True,
        "citations": [
            cite("the-independent", Stance.REPORTS),
            cite("uk-ministry-of-defence", Stance.REPORTS),
            cite("cnn", Stance.REPORTS, speaker="Nick Paton Walsh"),
        ],
    },
    {
        "slug": "ukraine-takes-hundreds-of-square-miles",
        "title": "Ukrainian forces take hundreds of square miles of the Kursk region",
        "summary": "Since crossing the border on 6 August, Ukrainian units, using British "
        "tanks, have seized hundreds of square miles of Russian territory in the region, "
        "according to The Independent.",
        "date": (2024, 8),
        "kind": Kind.MILITARY,
        "verification": Verification.REPORTED,
        "storylines": ["kursk-incursion"],
        "place": "kursk-region",
        "citations": [cite("the-independent", Stance.REPORTS)],
    },
    {
        "slug": "uk-assessment-advance-up-to-15-miles",
        "title": "UK assessment: Ukrainian advance reaches up to 15 miles into the region",
        "summary": "The UK Ministry of Defence says Ukrainian troops have pushed as far as "
        "15 miles into the Kursk region, leaving a “trail of destruction”. The region's "
        "defences were reportedly not prepared for a multi-battalion assault.",
        "date": (2024, 8),
        "kind": Kind.MILITARY,
        "verification": Verification.REPORTED,
        "storylines": ["kursk-incursion"],
        "place": "kursk-region",
        "citations": [
            cite("uk-ministry-of-defence", Stance.REPORTS, quote="trail of destruction"),
        ],
    },
    {
        "slug": "seym-river-bridge-near-glushkovo-destroyed",
        "title": "Bridge over the Seym River near Glushkovo destroyed",
        "summary": "A strike brings down the bridge near Glushkovo, at about 17:00 Kyiv time by "
        "one account, cutting supply routes used for Russia's invasion and cutting off an "
        "area; videos on social media show it collapsing. Alexey Smirnov, the Kursk region's "
        "acting governor, confirms that a Ukrainian strike destroyed it, and Mykola Oleshchuk, "
        "commander of Ukraine's air force, publishes a video of the strike. Russian officials "
        "say Western-made rockets, likely US-made HIMARS, were used. Maria Zakharova, the "
        "Russian foreign ministry's spokesperson, says the bridge was completely destroyed and "
        "that volunteers helping to evacuate civilians were killed.",
        "date": (2024, 8, 16, 17),
        "approximate": True,
        "kind": Kind.INFRASTRUCTURE,
        "verification": Verification.CONFIRMED,
        "storylines": ["kursk-incursion"],
        "place": "seym-river-bridge-glushkovo",
        "is_key": True,
        "citations": [
            cite("social-media-videos", Stance.REPORTS),
            # Russia's own regional government, confirming a loss to its side.
            cite(
                "kursk-regional-administration",
                Stance.CONFIRMS,
                speaker="Alexey Smirnov, acting governor",
            ),
            cite("ukrainian-air-force", Stance.CLAIMS, speaker="Mykola Oleshchuk, commander"),
            cite("russian-officials", Stance.CLAIMS),
            cite(
                "ministry-of-foreign-affairs-of-russia",
                Stance.CLAIMS,
                speaker="Maria Zakharova, spokesperson",
            ),
        ],
    },
    {
        "slug": "putin-moves-additional-troops",
        "title": "Putin forced to send more troops to respond",
        "summary": "President Putin has had to move additional troops to counter the "
        "Ukrainian advance, The Independent reports.",
        "date": (2024, 8),
        "kind": Kind.MILITARY,
        "verification": Verification.REPORTED,
        "storylines": ["kursk-incursion"],
        "place": "kursk-region",
        "citations": [cite("the-independent", Stance.REPORTS)],
    },
    {
        "slug": "scenes-from-ukrainian-held-sudzha",
        "title": "In Ukrainian-held Sudzha, scarred buildings and empty streets",
        "summary": "President Zelenskyy announces that Ukrainian forces hold all of Sudzha and "
        "have set up a military commandant's office there. The same day Oleksandr Syrskyi, "
        "their commander, says they have advanced 35 km since the operation began and hold "
        "1,150 km² and 82 settlements: both are Ukraine's own claims. Reporting from the town, "
        "CNN's Nick Paton Walsh describes a statue of Lenin scarred by artillery fire, bullet "
        "holes in buildings, civilian vehicles that were hit and deserted streets, and Russia's "
        "inability to drive the Ukrainian forces out.",
        "date": (2024, 8, 15),
        "kind": Kind.MILITARY,
        "verification": Verification.REPORTED,
        "storylines": ["kursk-incursion"],
        "place": "sudzha",
        "citations": [
            cite("cnn", Stance.REPORTS, speaker="Nick Paton Walsh"),
            cite(
                "office-of-the-president-of-ukraine", Stance.CLAIMS, speaker="President Zelenskyy"
            ),
            cite(
                "commander-in-chief-of-ukraines-armed-forces",
                Stance.CLAIMS,
                speaker="Oleksandr Syrskyi",
            ),
        ],
    },
    {
        "slug": "podolyak-incursion-is-leverage-for-talks",
        "title": "Zelenskyy adviser: the incursion is leverage, not occupation",
        "summary": "Mykhailo Podolyak, an adviser to President Zelenskyy, says Ukraine does "
        "not intend to occupy Russian territory. He presents the advance as leverage for "
        "possible negotiations, meant to inflict tactical defeats and to move Russian public "
        "opinion toward talks and a fair negotiation process.",
        "date": (2024, 8),
        "kind": Kind.STATEMENT,
        "verification": Verification.CLAIMED,
        "storylines": ["diplomatic-fallout"],
        "citations": [
            cite(
                "office-of-the-president-of-ukraine",
                Stance.CLAIMS,
                speaker="Mykhailo Podolyak, adviser to President Zelenskyy",
            ),
        ],
    },
    {
        "slug": "explosives-dropped-near-zaporizhzhia-plant",
        "title": "Drone strike hits a road beside the Zaporizhzhia nuclear plant",
        "summary": "Early in the morning a drone drops a charge on the road that runs along the "
        "Russian-controlled plant's power units, outside its perimeter, putting staff at risk. "
        "The plant's Russian management puts it at about 07:00 local time and blames Ukraine. "
        "The IAEA confirms the strike: it hit the road near the cooling-water sprinkler ponds, "
        "about 100 m from the last 750 kV line feeding the plant, and nobody was hurt. The "
        "agency does not say who carried it out; Moscow and Kyiv accuse each other of trying "
        "to sabotage the plant.",
        "date": (2024, 8, 17),
        "kind": Kind.NUCLEAR_SAFETY,
        "verification": Verification.CONFIRMED,
        "verification_note": "The IAEA, which takes neither side, confirmed the strike and "
        "where it hit. Who carried it out is not confirmed: each side blames the other.",
        "storylines": ["nuclear-safety"],
        "place": "zaporizhzhia-nuclear-power-plant",
        "citations": [
            cite("iaea", Stance.CONFIRMS),
            cite("russian-officials", Stance.CLAIMS, speaker="the plant's Russian management"),
            cite("ministry-of-foreign-affairs-of-ukraine", Stance.CLAIMS),
        ],
    },
    {
        "slug": "doha-peace-talks-postponed",
        "title": "Planned peace talks in Doha postponed",
        "summary": "Talks in Doha, mediated by Qatar, on halting strikes on energy "
        "infrastructure were derailed by the Kursk incursion, The Washington Post reports. "
        "Ukraine's presidential office says they have been postponed because of “the situation "
        "in the Middle East” and that a video meeting will be held on 22 August. Diplomats had "
        "hoped the talks would open the way to broader negotiations. On 18 August Maria "
        "Zakharova, for Russia's foreign ministry, says nothing was derailed, since there were "
        "no such talks.",
        "date": (2024, 8, 17),
        "kind": Kind.DIPLOMATIC,
        "verification": Verification.DISPUTED,
        "storylines": ["diplomatic-fallout"],
        "place": "doha",
        "is_key": True,
        "citations": [
            cite("the-washington-post", Stance.REPORTS),
            cite("the-independent", Stance.REPORTS),
            cite(
                "office-of-the-president-of-ukraine",
                Stance.CLAIMS,
                quote="the situation in the Middle East",
            ),
            cite(
                "ministry-of-foreign-affairs-of-russia",
                Stance.DENIES,
                speaker="Maria Zakharova, spokesperson",
                said_on=datetime.date(2024, 8, 18),
            ),
        ],
    },
    {
        "slug": "ukraine-defence-ministry-russian-losses",
        "title": "Ukraine's defence ministry puts Russian losses at over 598,000 troops",
        "summary": "Ukraine's defence ministry says that since the war began Russia has lost "
        "more than 598,000 troops and 367 aircraft, as well as significant equipment. The "
        "figures come from a party to the conflict and are not independently verified.",
        "date": (2024, 8),
        "kind": Kind.CASUALTY_FIGURES,
        "verification": Verification.CLAIMED,
        "storylines": ["kursk-incursion"],
        "citations": [cite("ministry-of-defence-of-ukraine", Stance.CLAIMS)],
    },
    {
        "slug": "storm-shadow-deployment-reportedly-halted",
        "title": "US reportedly halts Storm Shadow deployment as UK seeks approval",
        "summary": "The United States is reported to have halted the deployment of Storm "
        "Shadow missiles while the UK seeks approval to use the long-range weapons inside "
        "Russia. The report has not been confirmed.",
        "date": (2024, 8),
        "kind": Kind.DIPLOMATIC,
        "verification": Verification.REPORTED,
        "storylines": ["diplomatic-fallout"],
        "citations": [cite("the-independent", Stance.REPORTS)],
    },
    {
        "slug": "dirty-bomb-accusation-denied",
        "title": "Moscow alleges a “dirty bomb” plot; Kyiv denies it",
        "summary": "Moscow accuses Ukraine of planning attacks on Russian nuclear facilities "
        "with “dirty bombs”. Ukraine's foreign ministry and national security officials reject "
        "the accusation as “insane Russian propaganda”, and Ukraine restates its commitment to "
        "the nuclear non-proliferation treaty.",
        "date": (2024, 8),
        "kind": Kind.NUCLEAR_SAFETY,
        "verification": Verification.DISPUTED,
        "storylines": ["nuclear-safety", "diplomatic-fallout"],
        "is_key": True,
        "citations": [
            cite("russian-officials", Stance.CLAIMS),
            cite(
                "ministry-of-foreign-affairs-of-ukraine",
                Stance.DENIES,
                quote="insane Russian propaganda",
            ),
            cite("ukrainian-national-security-officials", Stance.DENIES),
        ],
    },
]

# Never public: shows the desk's work in progress in the admin.
DRAFT_EVENT = {
    "slug": "draft-unverified-report",
    "title": "DRAFT, being checked: unverified account from the Kursk region",
    "summary": "Held while the desk checks an account it has not been able to verify. Not for "
    "publication until it is independently sourced.",
    "date": (2024, 8),
    "kind": Kind.OTHER,
    "verification": Verification.REPORTED,
    "storylines": ["kursk-incursion"],
    "place": "kursk-region",
    "status": PublicationStatus.DRAFT,
    "citations": [],
}


def paragraphs(*texts):
    return "\n\n".join(texts)


ARTICLES = [
    {
        "slug": "ukraine-pushes-into-kursk-region-as-bridge-falls",
        "headline": "Ukraine pushes deep into Russia's Kursk region as a key bridge falls",
        "standfirst": "Ukrainian forces have taken hundreds of square miles since crossing the "
        "border on 6 August. The loss of a bridge near Glushkovo has cut Russian supply routes, "
        "and Moscow has had to send in more troops.",
        "body": paragraphs(
            "Ukrainian troops crossed into Russia's Kursk region on 6 August. Using British "
            "tanks, they have since taken hundreds of square miles of Russian territory, "
            "The Independent reports.",
            "The UK Ministry of Defence says the advance has reached up to 15 miles into the "
            "region and left a “trail of destruction”. The region's defences were reportedly "
            "not prepared for a multi-battalion assault.",
            "On 16 August a strike destroyed the bridge over the Seym River near Glushkovo, "
            "cutting supply routes used for Russia's invasion and cutting off an area. Videos "
            "shared on social media show it collapsing. The Kursk region's acting governor, "
            "Alexey Smirnov, confirmed that the strike was Ukrainian, and the commander of "
            "Ukraine's air force published a video of it. Russian officials say Western-made "
            "rockets, likely US-made HIMARS, were used, and Maria Zakharova, the Russian foreign "
            "ministry's spokesperson, says volunteers helping to evacuate civilians were killed. "
            "The weapon and the deaths are Russia's claims.",
            "On 15 August President Zelenskyy said that Ukrainian forces held all of Sudzha and "
            "had set up a military commandant's office there. In the town, CNN's Nick Paton "
            "Walsh found a statue of Lenin scarred by artillery fire, buildings marked by "
            "bullets, civilian vehicles that had been hit and empty streets, and described "
            "Russia's inability to push the Ukrainians out.",
            "President Putin has been forced to move additional troops to respond, according "
            "to The Independent. Talks planned in Doha, on halting strikes on energy "
            "infrastructure, have meanwhile been put off: The Washington Post reports that the "
            "incursion derailed them, while Ukraine's presidential office cites “the situation "
            "in the Middle East” and promises a video meeting on 22 August. Russia's foreign "
            "ministry says there were no such talks.",
        ),
        "status": PublicationStatus.PUBLISHED,
        "bylines": ["editor", "reporter"],
        "events": [
            "ukrainian-incursion-into-kursk-region-begins",
            "ukraine-takes-hundreds-of-square-miles",
            "uk-assessment-advance-up-to-15-miles",
            "seym-river-bridge-near-glushkovo-destroyed",
            "putin-moves-additional-troops",
            "scenes-from-ukrainian-held-sudzha",
            "doha-peace-talks-postponed",
        ],
    },
    {
        "slug": "explainer-what-kyiv-says-the-incursion-is-for",
        "headline": "Explainer: what Kyiv says the Kursk incursion is for",
        "standfirst": "Ukraine says it does not want Russian land. Its stated aim is leverage "
        "for negotiations, while planned talks are postponed and the UK seeks approval to use "
        "long-range missiles inside Russia.",
        "body": paragraphs(
            "Mykhailo Podolyak, an adviser to President Zelenskyy, says Ukraine is not seeking "
            "to occupy Russian territory. In his account, the advance into the Kursk region is "
            "leverage for possible negotiations.",
            "He says the operation is meant to inflict tactical defeats on Russia and to move "
            "Russian public opinion toward talks and a fair negotiation process. This is Kyiv's "
            "stated aim: a statement by a party to the conflict.",
            "The diplomatic track has slowed. Peace talks planned in Doha for August were "
            "postponed; Ukraine's presidential office put the delay down to “the situation in "
            "the Middle East” and promised a video call later in the month. Diplomats had hoped "
            "the talks would lead to broader negotiations.",
            "The use of Western weapons is also unsettled. The US has reportedly halted the "
            "deployment of Storm Shadow missiles while the UK seeks approval to use these "
            "long-range weapons inside Russia. That report has not been confirmed.",
        ),
        "status": PublicationStatus.IN_REVIEW,
        "bylines": ["reporter"],
        "events": [
            "podolyak-incursion-is-leverage-for-talks",
            "doha-peace-talks-postponed",
            "storm-shadow-deployment-reportedly-halted",
        ],
    },
    {
        "slug": "nuclear-safety-accusations",
        "headline": "Moscow and Kyiv trade accusations over nuclear safety",
        "standfirst": "Each side accuses the other of trying to sabotage the Zaporizhzhia "
        "plant, and Ukraine rejects a Russian allegation that it planned “dirty bomb” attacks.",
        "body": paragraphs(
            "On 17 August a drone dropped a charge on a road beside the Zaporizhzhia nuclear "
            "power plant, which Russia controls, endangering its staff. The IAEA confirmed the "
            "strike and found no casualties, without saying who carried it out. The plant's "
            "Russian management blames Ukraine; Moscow and Kyiv accuse each other of trying to "
            "sabotage the plant.",
            "Moscow has also accused Ukraine of planning attacks on Russian nuclear facilities "
            "with “dirty bombs”. Ukraine's foreign ministry and national security officials "
            "deny it, calling the accusation “insane Russian propaganda”.",
            "Ukraine has restated its commitment to the nuclear non-proliferation treaty. Both "
            "matters remain disputed.",
        ),
        "status": PublicationStatus.DRAFT,
        "bylines": ["reporter"],
        "events": [
            "explosives-dropped-near-zaporizhzhia-plant",
            "dirty-bomb-accusation-denied",
        ],
    },
]

# Keyed on their text: the loader finds them again by it.
SUBMISSIONS = [
    {
        "kind": Submission.Kind.CORRECTION,
        "event": "uk-assessment-advance-up-to-15-miles",
        "text": "Your entry on the UK Ministry of Defence assessment gives an advance of up to "
        "15 miles. Could you check that figure against the ministry's own update? I am not "
        "sure it matches.",
        "contact_name": "Olena",
        "contact_details": "olena@example.org",
        "may_contact": True,
    },
    {
        "kind": Submission.Kind.NEW_DEVELOPMENT,
        "text": "I saw smoke rising near Sudzha this morning, from the road out of town. I do "
        "not know what caused it. Photo attached.",
        "location": "near Sudzha",
        "photo": True,
    },
    {
        "kind": Submission.Kind.NEW_DEVELOPMENT,
        "text": "There was smoke outside Sudzha this morning, you could see it from the road. "
        "Someone should look into it.",
        "location": "Sudzha",
    },
    {
        "kind": Submission.Kind.NEW_DEVELOPMENT,
        "text": "EARN $5000 A WEEK FROM HOME!!! Guaranteed crypto signals, 500% returns, "
        "click the link now!!!",
        "links": ["https://example.com/get-rich-now"],
    },
]
