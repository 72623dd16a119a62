"""The words the demo's sample contacts are made of: invented people, what they ask, and which
organisations answered the 2010 consultation.

Every person here is invented. Names are common English first names and surnames put together
at random, and every address is at a reserved ``.example`` domain (RFC 2606), so no demo row
can reach or describe a real person.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Aisha", "Alex", "Amir", "Bethan", "Cara", "Chloe", "Daniel", "Deepa", "Eilidh", "Emeka",
    "Fiona", "Gareth", "Grace", "Hamza", "Hannah", "Iain", "Imogen", "Jack", "Jasmine", "Kieran",
    "Laura", "Liam", "Maya", "Megan", "Nadia", "Niall", "Olivia", "Owen", "Priya", "Rhys",
    "Rosie", "Sam", "Sana", "Sean", "Sophie", "Tom", "Usha", "Victoria", "Will", "Zara",
)  # fmt: skip

LAST_NAMES = (
    "Ahmed", "Baker", "Bell", "Campbell", "Clarke", "Davies", "Edwards", "Evans", "Fraser",
    "Green", "Hall", "Hughes", "Jenkins", "Khan", "Kaur", "Lewis", "Lloyd", "Macdonald",
    "Morgan", "Murray", "Nolan", "O'Neill", "Owen", "Patel", "Price", "Reid", "Roberts",
    "Robertson", "Shah", "Singh", "Stewart", "Taylor", "Thomas", "Turner", "Walker", "Watson",
    "White", "Williams", "Wood", "Young",
)  # fmt: skip

#: The domain every demo address is at; reserved, so it can never deliver anywhere.
DEMO_DOMAIN = "example"

#: Respondents to the 2010 user engagement consultation, as the shipped directory names them
#: (``/work/shared/seeds``: "A full list of responding organisations"). They are the users who
#: already talk to ONS, so the demo has them in touch more often than the rest.
RESPONDENTS = (
    "Bank of England (BoE)",
    "Crime and Justice Statistics Network (CJSN)",
    "Demographics User Group",
    "Department for Business, Innovation and Skills (BIS)",
    "Department for Culture, Media and Sport (DCMS)",
    "Economic and Social Research Council (ESRC)",
    "Equality South West",
    "European Central Bank",
    "Eurostat (European Commission)",
    "Experian UK",
    "Federation of Irish Societies (now Irish in Britain)",
    "Federation of Small Businesses (FSB)",
    "Greater London Authority (GLA Intelligence Unit)",
    "HM Treasury (HMT)",
    "Health Statistics User Group",
    "UK Parliament (House of Commons and House of Lords Libraries)",
    "Local Government Association (LGA Analysis and Research)",
    "National Council for Voluntary Organisations (NCVO)",
    "North East Research and Information Partnership (NERIP)",
    "Ordnance Survey",
    "Royal Statistical Society (RSS)",
    "Society of Business Economists",
    "Statistics User Forum (SUF)",
    "Tees Valley Unlimited (now Tees Valley Combined Authority)",
    "The Council of Ethnic Minority Voluntary Sector Organisations (CEMVO)",
    "The Scottish Government",
    "Welsh Government (formerly Welsh Assembly Government)",
    "West Midlands Cancer Intelligence Unit (WMCIU)",
)

#: Topics the census and its consultations ask about: questions about them peak in the census
#: and consultation months.
CENSUS_TOPICS = (
    "Ethnicity",
    "National identity",
    "Religion",
    "Sexual orientation",
    "Gender identity",
    "Sex",
    "Welsh language",
    "Armed forces veterans",
    "General health",
    "Unpaid care",
    "Household relationships",
    "Housing tenure",
)

#: How people ask the bot about a topic ({} is one of the standard's words).
QUESTION_FORMS = (
    "which standard covers {}?",
    "is there a harmonised question for {}?",
    "how should we ask about {} in our survey?",
    "what are the answer options for {}?",
    "is the {} standard still current?",
)

#: Questions the catalogue has no answer for: the team's queue of questions nobody could answer.
UNANSWERABLE = (
    "is there a standard for digital exclusion?",
    "how do we record caring for a pet in a wellbeing survey?",
    "which question covers commuting distance?",
    "what is the harmonised way to ask about food insecurity?",
    "do you have guidance on asking about gambling?",
    "is there a standard for second homes?",
    "how should we ask about menopause at work?",
    "which standard covers access to green space?",
    "how do we classify hybrid working?",
    "is there a harmonised question on energy bills?",
    "what should we use for neurodiversity?",
    "do you cover military spouses?",
)

#: Subjects of inbox queries ({} is the topic).
SUBJECTS = (
    "Query about the {} standard",
    "{} question for our survey",
    "Advice needed: {} categories",
    "Using the {} harmonised question",
    "Comparing {} across the UK nations",
    "{} data: which version to use?",
)

#: What an inbox query says under its subject.
MAIL_TEXTS = (
    "We are redesigning our questionnaire and want to follow the harmonised approach.",
    "Could you tell us whether the current version applies to administrative data too?",
    "Our board has asked whether our figures are comparable with the census.",
    "We would be grateful for a short call to talk this through.",
    "Is there a Welsh-language version we can use?",
    "We noticed a difference between the 2011 and 2021 wording; which should we use?",
)

#: Inbox subjects with no topic of their own.
GENERAL_SUBJECTS = (
    "Harmonisation training dates",
    "Request to join the harmonisation mailing list",
    "Speaker request for our annual conference",
    "Feedback on your blog post",
)

#: Summaries of contacts made at events, webinars, meetings and on the phone ({} the topic).
MEETING_NOTES = {
    "event": ("Spoke at our stand about {}", "Question after the talk on {}"),
    "webinar": ("Attended the webinar and asked about {}", "Follow-up from the {} webinar"),
    "meeting": ("Meeting on adopting the {} standard", "Catch-up about {} in their outputs"),
    "phone": ("Phoned about {}", "Call about comparability of {}"),
    "other": ("Note passed on by a colleague about {}", "Comment on StatsUserNet about {}"),
}
