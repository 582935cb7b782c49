"""Demo content for the Principles of Healing-Centered Harm Reduction site.

Plain Python data only, importable with no dependencies. Every text here was
written fresh for the demo site; staff replace it with the organization's own
wording. StreamField bodies are lists of ``(block_type, value)`` tuples.
"""

DEMO_NOTE = {
    "en": (
        "This is demo text written for the demo site; staff will replace it "
        "with the organization's own wording."
    ),
    "es": (
        "Este es un texto de demostración escrito para el sitio de prueba; el "
        "equipo lo reemplazará con las palabras propias de la organización."
    ),
}


def _demo_callout(lang):
    """A fresh callout block carrying the demo note (helper, removed below)."""
    title = {"en": "Demo text", "es": "Texto de demostración"}[lang]
    return ("callout", {"tone": "note", "title": title, "text": f"<p>{DEMO_NOTE[lang]}</p>"})


# ---------------------------------------------------------------------------
# Home and index pages
# ---------------------------------------------------------------------------

HOME = {
    "en": {
        "title": "Principles of Healing-Centered Harm Reduction",
        "intro": (
            "<p>Welcome. This site shares the <b>Principles of Healing-Centered Harm "
            "Reduction</b>: nine ideas about how care for people who use drugs and people "
            "who trade sex can reach past safety toward healing. Read the principles, "
            "explore the themes that connect them, and find reflections from the people "
            "who helped shape them.</p>"
        ),
    },
    "es": {
        "title": "Principios de la reducción de daños centrada en la sanación",
        "intro": (
            "<p>Te damos la bienvenida. Este sitio comparte los <b>Principios de la "
            "reducción de daños centrada en la sanación</b>: nueve ideas sobre cómo el "
            "cuidado de las personas que usan drogas y de las personas que intercambian "
            "sexo puede ir más allá de la seguridad y acercarse a la sanación. Lee los "
            "principios, recorre los temas que los unen y conoce las reflexiones de "
            "quienes ayudaron a darles forma.</p>"
        ),
    },
}

PRINCIPLE_INDEX = {
    "en": {
        "title": "Principles",
        "slug": "principles",
        "intro": (
            "<p>Nine principles guide our work. Each one comes with a short statement, a "
            "few examples of what it looks like day to day, and questions to take back "
            "to your own team.</p>"
        ),
    },
    "es": {
        "title": "Principios",
        "slug": "principios",
        "intro": (
            "<p>Nueve principios orientan nuestro trabajo. Cada uno incluye una "
            "declaración breve, algunos ejemplos de cómo se ve en el día a día y "
            "preguntas para llevar a tu propio equipo.</p>"
        ),
    },
}

THEME_INDEX = {
    "en": {
        "title": "Themes",
        "slug": "themes",
        "intro": (
            "<p>Themes are threads that run through several principles. Choose one to "
            "see where it shows up.</p>"
        ),
    },
    "es": {
        "title": "Temas",
        "slug": "temas",
        "intro": (
            "<p>Los temas son hilos que atraviesan varios principios. Elige uno para ver "
            "dónde aparece.</p>"
        ),
    },
}

CONTRIBUTOR_INDEX = {
    "en": {
        "title": "Contributors",
        "slug": "contributors",
        "intro": (
            "<p>The people who have shared their thinking, their practice and their "
            "questions with this project.</p>"
        ),
    },
    "es": {
        "title": "Personas colaboradoras",
        "slug": "colaboradores",
        "intro": (
            "<p>Las personas que han compartido sus ideas, su práctica y sus preguntas "
            "con este proyecto.</p>"
        ),
    },
}

REFLECTION_INDEX = {
    "en": {
        "title": "Reflections",
        "slug": "reflections",
        "intro": (
            "<p>Conversations and short pieces that carry the principles into everyday "
            "places: outreach shifts, community gatherings and daily life.</p>"
        ),
    },
    "es": {
        "title": "Reflexiones",
        "slug": "reflexiones",
        "intro": (
            "<p>Conversaciones y textos breves que llevan los principios a espacios "
            "cotidianos: el trabajo de calle, los encuentros comunitarios y la vida "
            "diaria.</p>"
        ),
    },
}

# ---------------------------------------------------------------------------
# About and contact
# ---------------------------------------------------------------------------

ABOUT = {
    "en": {
        "title": "About",
        "slug": "about",
        "intro": (
            "We are a small consultancy working where healing justice and harm reduction "
            "meet. This page is demo text for staff to replace."
        ),
        "body": [
            _demo_callout("en"),
            (
                "paragraph",
                "<p>We support organizations, collectives and peer groups that work "
                "alongside people who use drugs and people who trade sex. We offer "
                "training, facilitation and accompaniment, and we try to bring the same "
                "care into our own process that we hope to see in the work.</p>",
            ),
            ("heading", {"text": "Why healing-centered?", "level": "h2"}),
            (
                "paragraph",
                "<p>Harm reduction keeps people alive, and that matters every single day. "
                "We also believe people deserve more than getting through: rest, "
                "connection, pleasure and a future they choose for themselves. "
                "Healing-centered harm reduction holds both at once.</p>",
            ),
            (
                "callout",
                {
                    "tone": "care",
                    "title": "Everyone is welcome",
                    "text": (
                        "<p>Whatever your relationship with drugs or sex work, you are "
                        "welcome here. Respect does not depend on explaining yourself.</p>"
                    ),
                },
            ),
        ],
    },
    "es": {
        "title": "Acerca de",
        "slug": "acerca-de",
        "intro": (
            "Somos una pequeña consultoría que trabaja donde se encuentran la justicia "
            "sanadora y la reducción de daños. Esta página es un texto de demostración "
            "que el equipo reemplazará."
        ),
        "body": [
            _demo_callout("es"),
            (
                "paragraph",
                "<p>Acompañamos a organizaciones, colectivas y grupos de pares que "
                "trabajan junto a personas que usan drogas y personas que intercambian "
                "sexo. Ofrecemos capacitación, facilitación y acompañamiento, y buscamos "
                "que nuestro propio proceso tenga el mismo cuidado que esperamos ver en "
                "el trabajo.</p>",
            ),
            ("heading", {"text": "¿Por qué centrarnos en la sanación?", "level": "h2"}),
            (
                "paragraph",
                "<p>La reducción de daños mantiene a las personas con vida, y eso importa "
                "todos los días. También creemos que las personas merecen algo más que "
                "salir adelante: descanso, vínculos, placer y un futuro que elijan por sí "
                "mismas. La reducción de daños centrada en la sanación sostiene ambas "
                "cosas a la vez.</p>",
            ),
            (
                "callout",
                {
                    "tone": "care",
                    "title": "Aquí cabe todo el mundo",
                    "text": (
                        "<p>Sea cual sea tu relación con las drogas o con el trabajo "
                        "sexual, aquí te recibimos con gusto. El respeto "
                        "no depende de que te expliques.</p>"
                    ),
                },
            ),
        ],
    },
}

CONTACT = {
    "en": {
        "title": "Contact",
        "slug": "contact",
        "intro": (
            "<p>Write to us about training, facilitation, or simply a conversation about "
            "your work. We read every message and will get back to you as soon as we "
            "can.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you for writing. Your message has reached us, and someone from our "
            "team will reply by email. We use what you send only to answer you.</p>"
        ),
        "fields": [
            {
                "label": "Your name",
                "field_type": "singleline",
                "required": False,
                "help_text": "Optional. A first name, a nickname or a pseudonym is fine.",
            },
            {
                "label": "Your email",
                "field_type": "email",
                "required": True,
                "help_text": (
                    "We use this only to reply to you. We never share it or add it to a "
                    "mailing list."
                ),
            },
            {
                "label": "Message",
                "field_type": "multiline",
                "required": True,
                "help_text": (
                    "Share as much or as little as you like. Please leave out details "
                    "about other people that they have not agreed to share."
                ),
            },
        ],
    },
}

# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------

THEMES = [
    {
        "slug": "ancestral-knowledge",
        "en": {
            "name": "Ancestral knowledge",
            "description": (
                "Ways of healing carried through families and communities long before "
                "clinics existed, and reclaimed by many people today."
            ),
        },
        "es": {
            "name": "Saberes ancestrales",
            "slug": "saberes-ancestrales",
            "description": (
                "Formas de sanar que familias y comunidades transmitieron desde mucho "
                "antes de que existieran las clínicas, y que muchas personas hoy están "
                "recuperando."
            ),
        },
    },
    {
        "slug": "trauma-and-healing",
        "en": {
            "name": "Trauma and healing",
            "description": (
                "How harm stays in bodies and relationships, and how people recover, "
                "together and at their own pace."
            ),
        },
        "es": {
            "name": "Trauma y sanación",
            "slug": "trauma-y-sanacion",
            "description": (
                "Cómo el daño se queda en los cuerpos y en los vínculos, y cómo las "
                "personas se recuperan, en compañía y a su propio ritmo."
            ),
        },
    },
    {
        "slug": "mutual-aid",
        "en": {
            "name": "Community care and mutual aid",
            "description": (
                "People looking after each other directly by sharing supplies, "
                "knowledge, food, rides and time."
            ),
        },
        "es": {
            "name": "Cuidado comunitario y apoyo mutuo",
            "slug": "cuidado-comunitario",
            "description": (
                "Personas que se cuidan entre sí de forma directa, compartiendo "
                "insumos, saberes, comida, traslados y tiempo."
            ),
        },
    },
    {
        "slug": "sex-work",
        "en": {
            "name": "Sex work",
            "description": (
                "Safety, rights and dignity for people who trade sex, guided by their "
                "own knowledge and priorities."
            ),
        },
        "es": {
            "name": "Trabajo sexual",
            "slug": "trabajo-sexual",
            "description": (
                "Seguridad, derechos y dignidad para las personas que intercambian sexo, "
                "guiadas por sus propios saberes y prioridades."
            ),
        },
    },
    {
        "slug": "drug-use-and-safety",
        "en": {
            "name": "Drug use and safety",
            "description": (
                "Practical, judgment-free information and tools that help people who use "
                "drugs stay safer and well."
            ),
        },
        "es": {
            "name": "Uso de drogas y seguridad",
            "slug": "uso-de-drogas-y-seguridad",
            "description": (
                "Información y herramientas prácticas, sin juicios, que ayudan a las "
                "personas que usan drogas a cuidarse y a estar bien."
            ),
        },
    },
    {
        "slug": "anti-oppression",
        "en": {
            "name": "Anti-oppression",
            "description": (
                "Naming racism, colonialism, criminalization and the other systems that "
                "cause harm, and refusing to repeat them in our own spaces."
            ),
        },
        "es": {
            "name": "Antiopresión",
            "slug": "antiopresion",
            "description": (
                "Nombrar el racismo, el colonialismo, la criminalización y los demás "
                "sistemas que causan daño, y negarnos a repetirlos en nuestros propios "
                "espacios."
            ),
        },
    },
    {
        "slug": "self-determination",
        "en": {
            "name": "Self-determination",
            "description": (
                "People are the experts on their own lives and make their own choices, "
                "including about their bodies and the substances they use."
            ),
        },
        "es": {
            "name": "Autodeterminación",
            "slug": "autodeterminacion",
            "description": (
                "Cada persona es experta en su propia vida y toma sus propias "
                "decisiones, también sobre su cuerpo y las sustancias que usa."
            ),
        },
    },
    {
        "slug": "joy-and-thriving",
        "en": {
            "name": "Joy and thriving",
            "description": (
                "Pleasure, creativity, rest and celebration belong in the work, not only "
                "the response to crisis."
            ),
        },
        "es": {
            "name": "Alegría y bienestar",
            "slug": "alegria-y-bienestar",
            "description": (
                "El placer, la creatividad, el descanso y la celebración también son "
                "parte del trabajo, no solo la respuesta a las crisis."
            ),
        },
    },
]

# ---------------------------------------------------------------------------
# Contributors (demo bios, neutral and minimal; staff replace them)
# ---------------------------------------------------------------------------

CONTRIBUTORS = [
    {
        "slug": "magali",
        "name": "Magali",
        "pronouns": "",
        "en": {
            "role": "Roundtable contributor",
            "bio": (
                "<p>Magali took part in the roundtable on healing justice and harm "
                "reduction. This is a demo bio; staff will replace it with words Magali "
                "chooses.</p>"
            ),
        },
        "es": {
            "role": "Participante de la mesa redonda",
            "bio": (
                "<p>Magali participó en la mesa redonda sobre justicia sanadora y "
                "reducción de daños. Esta es una biografía de demostración; el equipo la "
                "reemplazará con las palabras que Magali elija.</p>"
            ),
        },
    },
    {
        "slug": "richael-faithful",
        "name": "Richael Faithful",
        "pronouns": "",
        "en": {
            "role": "Folk healing artist and healing justice practitioner",
            "bio": (
                "<p>Richael Faithful is a folk healing artist and healing justice "
                "practitioner who took part in the roundtable. This is a demo bio; staff "
                "will replace it with words Richael chooses.</p>"
            ),
        },
        "es": {
            "role": "Artista de sanación popular y practicante de justicia sanadora",
            "bio": (
                "<p>Richael Faithful es artista de sanación popular y practicante de "
                "justicia sanadora, y participó en la mesa redonda. Esta es una biografía "
                "de demostración; el equipo la reemplazará con las palabras que Richael "
                "elija.</p>"
            ),
        },
    },
    {
        "slug": "kate",
        "name": "Kate",
        "pronouns": "",
        "en": {
            "role": "Roundtable contributor",
            "bio": (
                "<p>Kate took part in the roundtable on healing justice and harm "
                "reduction. This is a demo bio; staff will replace it with words Kate "
                "chooses.</p>"
            ),
        },
        "es": {
            "role": "Participante de la mesa redonda",
            "bio": (
                "<p>Kate participó en la mesa redonda sobre justicia sanadora y reducción "
                "de daños. Esta es una biografía de demostración; el equipo la "
                "reemplazará con las palabras que Kate elija.</p>"
            ),
        },
    },
    {
        "slug": "ismail-ali",
        "name": "Ismail Ali",
        "pronouns": "",
        "en": {
            "role": "Harm reduction and psychedelic healing advocate",
            "bio": (
                "<p>Ismail Ali advocates for harm reduction and psychedelic healing and "
                "took part in the roundtable. This is a demo bio; staff will replace it "
                "with words Ismail chooses.</p>"
            ),
        },
        "es": {
            "role": "Activismo por la reducción de daños y la sanación psicodélica",
            "bio": (
                "<p>Ismail Ali impulsa la reducción de daños y la sanación psicodélica, y "
                "participó en la mesa redonda. Esta es una biografía de demostración; el "
                "equipo la reemplazará con las palabras que Ismail elija.</p>"
            ),
        },
    },
    {
        "slug": "sasanka",
        "name": "Sasanka",
        "pronouns": "",
        "en": {
            "role": "Roundtable contributor",
            "bio": (
                "<p>Sasanka took part in the roundtable on healing justice and harm "
                "reduction. This is a demo bio; staff will replace it with words Sasanka "
                "chooses.</p>"
            ),
        },
        "es": {
            "role": "Participante de la mesa redonda",
            "bio": (
                "<p>Sasanka participó en la mesa redonda sobre justicia sanadora y "
                "reducción de daños. Esta es una biografía de demostración; el equipo la "
                "reemplazará con las palabras que Sasanka elija.</p>"
            ),
        },
    },
]

# ---------------------------------------------------------------------------
# Principles (titles and numbers are published; all other text is demo text)
# ---------------------------------------------------------------------------

_IN_PRACTICE = {"en": "In practice", "es": "En la práctica"}
_QUESTIONS = {"en": "Questions for reflection", "es": "Preguntas para reflexionar"}
_QUOTE_BY = {"en": "Demo text", "es": "Texto de demostración"}

PRINCIPLES = [
    {
        "number": 1,
        "key": "adaptation",
        "themes": ["self-determination", "drug-use-and-safety", "mutual-aid"],
        "contributors": ["kate", "ismail-ali"],
        "en": {
            "title": "Adaptation",
            "slug": "adaptation",
            "statement": (
                "Our care bends to fit each person and community as they are today, and "
                "changes again as their needs, choices and circumstances change."
            ),
            "summary": (
                "There is no single right way to reduce harm or to heal. We shape our "
                "support around people, not the other way round."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>People who use drugs and people who trade sex adapt all the time: "
                    "to a changing supply, new laws, new risks and new relationships. Our "
                    "work has to move with them. A plan that helped someone last year may "
                    "not fit this month, and that is not a failure. Healing asks us to stay "
                    "curious, check in often and let the community tell us what has "
                    "changed.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Ask what someone needs today before offering what you planned to give.",
                            "Review outreach materials whenever the local drug supply or the law changes.",
                            "Treat a change of plan as useful information, not as someone falling short.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "When did your team last change a practice because someone you serve asked for it?",
                            "What would make it easier to adapt without waiting for permission?",
                        ],
                    },
                ),
            ],
        },
        "es": {
            "title": "Adaptación",
            "slug": "adaptacion",
            "statement": (
                "Nuestro cuidado se ajusta a cada persona y comunidad tal como están hoy, "
                "y vuelve a cambiar cuando cambian sus necesidades, decisiones y "
                "circunstancias."
            ),
            "summary": (
                "No existe una única forma correcta de reducir daños ni de sanar. "
                "Organizamos el apoyo en torno a las personas, y no al revés."
            ),
            "body": [
                _demo_callout("es"),
                (
                    "paragraph",
                    "<p>Las personas que usan drogas y las personas que intercambian sexo "
                    "se adaptan todo el tiempo: a sustancias que cambian, a leyes nuevas, a "
                    "riesgos y vínculos nuevos. Nuestro trabajo tiene que moverse con "
                    "ellas. Un plan que sirvió el año pasado quizá no sirva este mes, y eso "
                    "no es un fracaso. La reducción de daños centrada en la sanación nos "
                    "pide curiosidad, conversaciones frecuentes y escuchar a la comunidad "
                    "cuando nos cuenta qué cambió.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["es"],
                        "items": [
                            "Pregunta qué necesita la persona hoy antes de ofrecer lo que tenías planeado.",
                            "Revisa los materiales de trabajo de calle cada vez que cambien las sustancias disponibles o las leyes locales.",
                            "Toma un cambio de plan como información útil, no como una falla de la persona.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["es"],
                        "questions": [
                            "¿Cuándo fue la última vez que tu equipo cambió una práctica porque alguien de la comunidad lo pidió?",
                            "¿Qué haría más fácil adaptarse sin esperar permiso?",
                        ],
                    },
                ),
            ],
        },
    },
    {
        "number": 2,
        "key": "holistic",
        "themes": ["trauma-and-healing", "ancestral-knowledge", "joy-and-thriving"],
        "contributors": ["magali", "sasanka"],
        "en": {
            "title": "Holistic",
            "slug": "holistic",
            "statement": (
                "We care for the whole person, including body, mind, spirit, "
                "relationships and home, because harm and healing reach every part of a "
                "life."
            ),
            "summary": (
                "A syringe, a test strip or a referral matters, and so do sleep, grief, "
                "belonging and meaning. We try to keep all of it in view."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Services often split people into pieces: one office for health, "
                    "another for housing, another for mental health. Many communities kept "
                    "older ways of healing alive, passed down from their ancestors: "
                    "gathering, prayer, cooking together, plant knowledge, music. A "
                    "holistic approach weaves those threads back together. It means "
                    "noticing trauma without reducing anyone to it, and making room for "
                    "rest, spirit and pleasure alongside safer use supplies.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Ask about sleep, food, relationships and spirit, not only about substances.",
                            "Keep a list of healers, elders and peer groups alongside clinical referrals.",
                            "Make rest possible in your space: a quiet corner, water, somewhere to sit.",
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Nobody arrives as only a diagnosis. People arrive carrying "
                            "their whole lives, and that is where healing starts."
                        ),
                        "attribution": _QUOTE_BY["en"],
                        "source_url": "",
                    },
                ),
            ],
        },
        "es": {
            "title": "Integral",
            "slug": "integral",
            "statement": (
                "Cuidamos a la persona completa —cuerpo, mente, espíritu, vínculos y "
                "hogar— porque el daño y la sanación tocan cada parte de la vida."
            ),
            "summary": (
                "Una jeringa, una tira reactiva o una derivación importan, y también "
                "importan el sueño, el duelo, la pertenencia y el sentido. Intentamos no "
                "perder nada de eso de vista."
            ),
            "body": [
                _demo_callout("es"),
                (
                    "paragraph",
                    "<p>Los servicios suelen dividir a las personas en partes: una oficina "
                    "para la salud, otra para la vivienda, otra para la salud mental. "
                    "Muchas comunidades han mantenido vivas formas de sanar más antiguas: "
                    "reunirse, rezar, cocinar juntas, conocer las plantas, hacer música. Un "
                    "enfoque integral vuelve a tejer esos hilos. Significa reconocer el "
                    "trauma sin reducir a nadie a él, y hacer espacio para el descanso, la "
                    "espiritualidad y el placer junto con los insumos de reducción de "
                    "daños.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["es"],
                        "items": [
                            "Pregunta por el sueño, la comida, los vínculos y la vida espiritual, no solo por las sustancias.",
                            "Ten a mano una lista de personas sanadoras, mayores y grupos de pares, además de los servicios clínicos.",
                            "Haz posible el descanso en tu espacio: un rincón tranquilo, agua, un lugar para sentarse.",
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Nadie llega siendo solo un diagnóstico. Cada persona llega con "
                            "su vida entera, y ahí empieza la sanación."
                        ),
                        "attribution": _QUOTE_BY["es"],
                        "source_url": "",
                    },
                ),
            ],
        },
    },
    {
        "number": 3,
        "key": "difference",
        "themes": ["anti-oppression", "sex-work", "self-determination"],
        "contributors": ["sasanka", "richael-faithful"],
        "en": {
            "title": "Difference",
            "slug": "difference",
            "statement": (
                "People live with different histories, bodies, cultures and risks, so we "
                "meet each difference with respect instead of one rule for everyone."
            ),
            "summary": (
                "Treating everyone the same is not always fair. We pay attention to who "
                "is in the room, and to who is missing."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>A trans woman doing street-based sex work, an older man who "
                    "injects at home and a student trying a substance at a festival face "
                    "different dangers and need different things. Race, gender, "
                    "disability, migration status and income all shape how harm lands. "
                    "Respecting difference means asking people what works for them, "
                    "offering materials in their languages and never treating one group's "
                    "experience as the default for the whole community.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Offer information in the languages people actually speak, written with them.",
                            "Ask for people's names and pronouns, and use them.",
                            "Check who your service is not reaching, and ask them why.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "Whose experience does your service quietly treat as normal?",
                            "Which difference in your community have you not yet made room for?",
                        ],
                    },
                ),
            ],
        },
        "es": {
            "title": "Diferencia",
            "slug": "diferencia",
            "statement": (
                "Las personas viven con historias, cuerpos, culturas y riesgos distintos; "
                "por eso respondemos a cada diferencia con respeto y no con una sola regla "
                "para todas."
            ),
            "summary": (
                "Tratar a todas las personas igual no siempre es justo. Prestamos atención "
                "a quién está presente y a quién falta."
            ),
            "body": [
                _demo_callout("es"),
                (
                    "paragraph",
                    "<p>Una mujer trans que hace trabajo sexual en la calle, un hombre "
                    "mayor que se inyecta en casa y una estudiante que prueba una sustancia "
                    "en un festival enfrentan peligros distintos y necesitan cosas "
                    "distintas. La raza, el género, la discapacidad, la situación "
                    "migratoria y los ingresos influyen en cómo llega el daño. Respetar la "
                    "diferencia es preguntar qué le sirve a cada quien, ofrecer materiales "
                    "en su idioma y no tomar la experiencia de un solo grupo como la norma "
                    "de toda la comunidad.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["es"],
                        "items": [
                            "Ofrece información en los idiomas que la gente realmente habla, escrita junto con ella.",
                            "Pregunta a cada persona su nombre y sus pronombres, y úsalos.",
                            "Revisa a quién no está llegando tu servicio y pregúntale por qué.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["es"],
                        "questions": [
                            "¿Qué experiencia toma tu servicio, sin decirlo, como la normal?",
                            "¿Qué diferencia dentro de tu comunidad todavía no tiene lugar en tu trabajo?",
                        ],
                    },
                ),
            ],
        },
    },
    {
        "number": 4,
        "key": "cycles",
        "themes": ["trauma-and-healing", "ancestral-knowledge"],
        "contributors": ["ismail-ali"],
        "en": {
            "title": "Cycles",
            "slug": "cycles",
            "statement": (
                "Harm and healing both move in cycles across lives and generations, and "
                "we work to interrupt the cycles that hurt and strengthen the ones that "
                "heal."
            ),
            "summary": (
                "Trauma can be handed down, and so can resilience. Noticing patterns helps "
                "us choose which ones to carry forward."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Many of us carry trauma that began before we were born, handed "
                    "down from ancestors who lived through war, displacement, enslavement "
                    "or forced separation. Systems repeat harm too: arrest, release, "
                    "eviction, arrest again. Healing is rarely a straight line. People "
                    "return to old patterns, step away and come back, and that is part of "
                    "the process. We stay alongside them through every turn, without "
                    "shame.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Welcome people back without making them explain where they have been.",
                            "Notice when your own organization repeats a pattern that hurts people.",
                            "Make space for practices that pass strength between generations, like storytelling and shared meals.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "Which cycle in your community are you in a position to interrupt?",
                            "What strengths were handed down to you, and how do you pass them on?",
                        ],
                    },
                ),
            ],
        },
    },
    {
        "number": 5,
        "key": "honor",
        "themes": ["ancestral-knowledge", "self-determination", "sex-work"],
        "contributors": ["richael-faithful"],
        "en": {
            "title": "Honor",
            "slug": "honor",
            "statement": (
                "We honor the wisdom, choices and survival of people who use drugs and "
                "people who trade sex, and the traditions of care they have always "
                "practiced."
            ),
            "summary": (
                "The people most affected by harm have long found ways to keep each other "
                "alive. We recognize that knowledge and give credit where it belongs."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Long before harm reduction had a name or a budget, communities were "
                    "looking after their own: sharing warnings about a bad batch, passing "
                    "along a safer way to work, checking that a friend got home. Sex work "
                    "communities built safety practices together when no one else would. "
                    "Honor means crediting that knowledge, paying people for their "
                    "expertise and refusing to treat ways of surviving as problems to "
                    "fix.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Pay peers and community members for the knowledge they share.",
                            "Say where a practice came from when you teach it.",
                            "Speak about people's choices with respect, including choices you would not make.",
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Respect is not a reward we hand out once people change. It is "
                            "where we begin."
                        ),
                        "attribution": _QUOTE_BY["en"],
                        "source_url": "",
                    },
                ),
            ],
        },
    },
    {
        "number": 6,
        "key": "time-and-space",
        "themes": ["trauma-and-healing", "joy-and-thriving", "mutual-aid"],
        "contributors": ["kate"],
        "en": {
            "title": "Time and Space",
            "slug": "time-and-space",
            "statement": (
                "Healing needs unhurried time and safe, welcoming space, so we protect "
                "both for the people we serve and for ourselves."
            ),
            "summary": (
                "Rushed care can repeat harm. We slow down where we can and make places "
                "where people can breathe."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Funding rules, caseloads and emergencies push everything toward "
                    "speed. But trust grows slowly, and trauma often needs quiet before it "
                    "can be spoken. Time and space belong to workers too: outreach staff "
                    "and peers carry grief, and burnout is a harm of its own. We build in "
                    "pauses, places to rest and room to simply be together with no "
                    "agenda.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Leave gaps between appointments so no one is hurried out the door.",
                            "Create a calm corner with soft light, water and somewhere to sit.",
                            "Schedule regular time for staff and peers to rest and talk things through.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "Where does your work move faster than trust can grow?",
                            "What would change if your team had one unhurried hour each week?",
                        ],
                    },
                ),
            ],
        },
    },
    {
        "number": 7,
        "key": "anti-oppression",
        "themes": ["anti-oppression", "sex-work", "drug-use-and-safety"],
        "contributors": ["kate", "sasanka"],
        "en": {
            "title": "Anti-Oppression",
            "slug": "anti-oppression",
            "statement": (
                "Much of the harm people face comes from racism, colonialism, "
                "criminalization and other systems of oppression, and our work names and "
                "resists them."
            ),
            "summary": (
                "Harm reduction is not neutral. We look at where harm comes from and "
                "refuse to reproduce it in our own spaces."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Criminalization makes drug use riskier and pushes sex work into "
                    "hidden, less safe places. Racism shapes who is searched, who is "
                    "arrested and who is believed. Many services exist to soften damage "
                    "that these systems keep causing. Anti-oppression asks us to see that "
                    "clearly, to challenge it, and to look honestly inside our own "
                    "movement at who leads, who is heard and who gets hurt.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Support decriminalization and policies written with affected communities.",
                            "Make sure leadership reflects the communities most affected.",
                            "Agree on a clear, caring process for when harm happens inside your organization.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "Which systems cause the most harm to the people you work with?",
                            "Who holds power in your organization, and who does not?",
                        ],
                    },
                ),
            ],
        },
    },
    {
        "number": 8,
        "key": "transformative-and-practical",
        "themes": ["mutual-aid", "drug-use-and-safety", "anti-oppression"],
        "contributors": ["ismail-ali", "magali"],
        "en": {
            "title": "Transformative and Practical",
            "slug": "transformative-and-practical",
            "statement": (
                "We meet today's needs with practical tools while working toward a world "
                "where people no longer need protection from the systems around them."
            ),
            "summary": (
                "Naloxone tonight and a different world tomorrow. We hold both, because "
                "each makes the other possible."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>A fentanyl test strip, a ride to a clinic or a warm meal can change "
                    "someone's day. Those practical steps matter, and we never skip them. "
                    "At the same time, we want more for our communities than a lifetime of "
                    "damage control. Transformation means building alternatives people can "
                    "rely on: peer-run spaces, community-led safety and accountable ways "
                    "to respond when someone causes harm.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Keep naloxone, drug-checking supplies and safer sex supplies stocked and easy to reach.",
                            "Pair each practical service with one question about the bigger change it points to.",
                            "Explore community-based ways of responding to harm that do not rely on police.",
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Every practical act of care is also a small picture of the "
                            "world we hope to build."
                        ),
                        "attribution": _QUOTE_BY["en"],
                        "source_url": "",
                    },
                ),
            ],
        },
    },
    {
        "number": 9,
        "key": "community-led",
        "themes": ["mutual-aid", "self-determination", "sex-work"],
        "contributors": ["magali", "richael-faithful"],
        "en": {
            "title": "Community-Led",
            "slug": "community-led",
            "statement": (
                "People who use drugs and people who trade sex lead the decisions, "
                "programs and research that affect their lives."
            ),
            "summary": (
                "Nothing about us without us. Leadership, pay and credit go to the "
                "communities doing the work."
            ),
            "body": [
                _demo_callout("en"),
                (
                    "paragraph",
                    "<p>Communities know what they need, often years before institutions "
                    "catch up. Community-led work hands them real power: seats on boards, "
                    "budgets to control, the final say on materials and the right to say "
                    "no. Healing goes deeper when people shape the care they receive, and "
                    "when their expertise is paid and credited.</p>",
                ),
                (
                    "in_practice",
                    {
                        "heading": _IN_PRACTICE["en"],
                        "items": [
                            "Reserve paid leadership roles for people with lived and living experience.",
                            "Let community members review and approve materials before they go out.",
                            "Share budgets openly with the people your programs serve.",
                        ],
                    },
                ),
                (
                    "questions",
                    {
                        "heading": _QUESTIONS["en"],
                        "questions": [
                            "Who makes the final decisions in your work, and how did they come to hold that role?",
                            "What power could you hand over this year?",
                        ],
                    },
                ),
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Reflections (English only on purpose)
# ---------------------------------------------------------------------------

ROUNDTABLE = {
    "slug": "healing-justice-and-harm-reduction-roundtable",
    "date": "2026-10-15",
    "principles": ["holistic", "cycles", "honor", "anti-oppression"],
    "themes": ["ancestral-knowledge", "trauma-and-healing", "joy-and-thriving"],
    "authors": ["magali", "richael-faithful", "kate", "ismail-ali", "sasanka"],
    "en": {
        "title": "Healing justice and harm reduction: a roundtable",
        "intro": (
            "Five contributors reflect on what healing justice means to them and why "
            "harm reduction should make room for healing. The answers below are short "
            "demo summaries, not their own words."
        ),
        "question": (
            "How do you understand healing justice in your own life and work, and why "
            "should harm reduction put healing at its center?"
        ),
        "responses": [
            {
                "contributor": "magali",
                "answer": (
                    "<p>Magali describes survival work as vital, yet only one point on a "
                    "longer path toward wellbeing. In Magali's view, healing justice means "
                    "returning to ways of healing that slavery and colonization tried to "
                    "erase, and also responding to harm inside our own movements through "
                    "repair and compassion instead of punishment. (Demo summary.)</p>"
                ),
            },
            {
                "contributor": "richael-faithful",
                "answer": (
                    "<p>Richael links healing justice to long-standing traditions of "
                    "caring, community-rooted organizing in the South, especially in Black "
                    "communities, where meeting everyday needs and being together are the "
                    "same work. Richael remembers first finding that kind of belonging in "
                    "a Southern queer organizing group. Healing-centered harm reduction, "
                    "for Richael, reconnects the practice with its origins in communities "
                    "that have long had to protect their own survival. (Demo summary.)</p>"
                ),
            },
            {
                "contributor": "kate",
                "answer": (
                    "<p>Kate values harm reduction as a beginning and is wary when it is "
                    "treated as the whole journey. Much of the harm it responds to is "
                    "caused by institutions, such as criminalization that puts people who "
                    "trade sex at risk or rules that make basic health supplies hard to "
                    "get. Healing, in Kate's view, tends to the wounds those systems leave, "
                    "with knowledge carried through culture and family. (Demo summary.)</p>"
                ),
            },
            {
                "contributor": "ismail-ali",
                "answer": (
                    "<p>Ismail came to healing justice through personal experience with "
                    "psychedelic healing, and later learned the movement's history from "
                    "healing justice writers. A central idea for Ismail is that many people "
                    "doing justice work carry inherited trauma, so changing the world "
                    "means healing it together and on purpose. Ismail also invites us to "
                    "aim past reducing harm, toward lowering risk, growing benefit and "
                    "building healthy alternatives. (Demo summary.)</p>"
                ),
            },
            {
                "contributor": "sasanka",
                "answer": (
                    "<p>Sasanka describes healing justice as reconnecting with spirit and "
                    "body while facing the colonial violence that shapes daily life. Harm "
                    "reduction has helped Sasanka get through hard times because it "
                    "respects each person's right to choose. Healing-centered harm "
                    "reduction goes further: it welcomes joy and complexity, rejects white "
                    "supremacy, and traces its roots to Black, Indigenous and other "
                    "communities of color around the world. (Demo summary.)</p>"
                ),
            },
        ],
    },
}

SECOND_REFLECTION = {
    "slug": "making-time-on-an-outreach-shift",
    "date": "2026-11-05",
    "principles": ["time-and-space", "adaptation"],
    "themes": ["mutual-aid", "trauma-and-healing"],
    "authors": ["kate"],
    "en": {
        "title": "Making time on an outreach shift",
        "intro": (
            "A short reflection on slowing down in outreach work. This is demo text "
            "written for the demo site; staff will replace it."
        ),
        "body": [
            (
                "paragraph",
                "<p>Outreach shifts tend to be counted in numbers: kits handed out, "
                "contacts logged, miles driven. Those numbers matter, because each one can "
                "mean someone stayed safer that night. But the moments people remember are "
                "often the slower ones, when a worker stays to talk a little longer and "
                "nobody looks at the clock.</p>",
            ),
            ("heading", {"text": "What slowing down can look like", "level": "h2"}),
            (
                "paragraph",
                "<p>It can be as simple as sitting down instead of standing over someone, "
                "or asking how a person's week has been before asking what they need. It "
                "can mean planning fewer stops so each one has room for a real "
                "conversation. It also means making time for the team: a debrief after a "
                "hard night, a meal together, permission to step back when grief builds "
                "up. Rushed care can feel like one more system with no time for you. Care "
                "that waits says something different.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Sometimes the most useful thing we bring is not in the bag. It is "
                        "the ten minutes we did not rush."
                    ),
                    "attribution": "Demo text",
                    "source_url": "",
                },
            ),
        ],
    },
}

del _demo_callout, _IN_PRACTICE, _QUESTIONS, _QUOTE_BY
