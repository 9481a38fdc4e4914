#!/usr/bin/env python3
"""Writes a generated Content/ folder for benchmarks: N talents (Markdown, JSON and JSON Resume),
N/5 vacancies, employers and pages. Deterministic: the same N and seed give the same files.
With --markdown DIR, every talent is also written to DIR as a Markdown file (front matter and text), whatever
its format in the corpus: the same talents for Hugo to build beside Passerelle."""
import json, os, random, shutil, sys

FIRST = ["Youssef", "Salma", "Hamza", "Imane", "Khadija", "Ayoub", "Anas", "Zineb", "Reda", "Meryem", "Karim",
         "Hajar", "Omar", "Nadia", "Ilyas", "Soukaina", "Mehdi", "Houda", "Yassine", "Loubna"]
FIRST_AR = ["يوسف", "سلمى", "حمزة", "إيمان", "خديجة", "أيوب", "زينب", "مريم", "كريم", "هاجر"]
LAST = ["El Amrani", "Benali", "Ouazzani", "Tazi", "Lahlou", "Cherkaoui", "Berrada", "Alaoui", "Mansouri",
        "El Idrissi", "Moussaoui", "Benjelloun", "Bakkali", "Rami", "Naciri", "Tahiri", "Ouali", "Fassi"]
LAST_AR = ["العمراني", "بنعلي", "الوزاني", "التازي", "العلوي", "المنصوري", "الإدريسي", "بنجلون"]
CITIES = ["Casablanca", "Rabat", "Tanger", "Fès", "Marrakech", "Agadir", "Oujda", "Tétouan", "Meknès", "Kénitra"]
ICT = ["Java", "Spring Boot", "SQL", "JavaScript", "TypeScript", "React", "Node.js", "Python", "C#", ".NET",
       "Docker", "Kubernetes", "CI/CD", "Linux", "Power BI", "Git", "PHP", "Angular"]
CARE = ["Wound care", "Medication administration", "Geriatric care", "Hygiene and infection control",
        "Patient transfer", "Palliative care", "Care planning", "First aid", "Dementia care", "Vital signs"]
TEXT = {
    "en": "I trained in the programme and worked {y} years in {c}. I like teamwork, clear procedures and learning from colleagues.",
    "fr": "J'ai suivi la formation du programme et travaillé {y} ans à {c}. J'aime le travail d'équipe et apprendre de mes collègues.",
    "nl": "Ik volgde de opleiding van het programma en werkte {y} jaar in {c}. Ik werk graag in team en leer van collega's.",
    "ar": "تابعت تكوين البرنامج واشتغلت {y} سنوات في {c}. أحب العمل الجماعي والتعلم من زملائي.",
}
LEVELS = ["A2", "B1", "B2", "C1"]


def talent(i, rng):
    care = i % 2 == 1
    arabic = i % 7 == 0
    name = f"{rng.choice(FIRST_AR)} {rng.choice(LAST_AR)}" if arabic else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    city = rng.choice(CITIES)
    skills = rng.sample(CARE if care else ICT, 5)
    years = rng.randint(0, 9)
    languages = [{"code": "ar", "level": "native"}, {"code": "fr", "level": rng.choice(LEVELS)},
                 {"code": "en", "level": rng.choice(LEVELS)}]
    if care:
        languages.append({"code": "nl", "level": rng.choice(LEVELS)})
    lang = rng.choice(list(TEXT))
    intro = TEXT[lang].format(y=years, c=city)
    body = f"{intro}\n\n## Experience\n\n- {skills[0]} and {skills[1]}, {city} ({2026 - years} to today)\n\n## Education\n\n- Diploma, {city}, {2026 - years - 2}\n"
    return {
        "name": name, "headline": ("Nurse" if care else "Developer") + f" ({skills[0]})", "city": city, "country": "MA",
        "programme": "gsp-soins" if care else "palim", "sectors": ["care" if care else "ict"], "skills": skills,
        "languages": languages, "mobility": rng.choice([["BE"], ["MA"], ["BE", "MA"]]),
        "available_from": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "experience_years": years,
        "email": f"talent{i}@example.com", "phone": f"+212 600 {i:06d}", "consent": i % 25 != 0,
    }, body


def write_markdown(path, data, body):
    lines = ["---"]
    for key, value in data.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines += ["---", body]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def json_resume(data, body):
    return {
        "basics": {"name": data["name"], "label": data["headline"], "email": data["email"], "phone": data["phone"],
                   "summary": body.split("\n\n")[0], "location": {"city": data["city"], "countryCode": "MA", "address": "1 Rue X"}},
        "work": [{"name": "An employer in " + data["city"], "position": data["headline"], "startDate": "2021-01",
                  "highlights": ["Daily work with " + ", ".join(data["skills"][:2])]}],
        "education": [{"institution": "A school in " + data["city"], "area": data["sectors"][0], "studyType": "Diploma", "endDate": "2020"}],
        "skills": [{"name": s} for s in data["skills"]],
        "languages": [{"language": {"ar": "Arabic", "fr": "French", "en": "English", "nl": "Dutch"}[l["code"]],
                       "fluency": "Native speaker" if l["level"] == "native" else l["level"]} for l in data["languages"]],
        "meta": {"consent": data["consent"], "programme": data["programme"], "mobility": data["mobility"],
                 "sectors": data["sectors"], "available_from": data["available_from"], "experience_years": data["experience_years"]},
    }


def main():
    args = sys.argv[1:]
    markdown = None
    if "--markdown" in args:
        at = args.index("--markdown")
        markdown = args[at + 1]
        del args[at:at + 2]
    if len(args) < 2:
        sys.exit("usage: corpus.py TALENTS OUTPUT_DIR [SEED] [--markdown DIR]")
    count, out = int(args[0]), args[1]
    rng = random.Random(int(args[2]) if len(args) > 2 else 42)
    shutil.rmtree(out, ignore_errors=True)
    if markdown:
        shutil.rmtree(markdown, ignore_errors=True)
        os.makedirs(markdown)
    for folder in ["talents", "vacancies", "employers", "pages/news"]:
        os.makedirs(os.path.join(out, folder))
    with open(os.path.join(out, "site.yml"), "w") as f:
        f.write("title: Benchmark site\nbase_url: https://bench.example.org/\nlanguages: [en, fr, nl, ar]\ntheme: default\n")
    for i in range(count):
        data, body = talent(i, rng)
        slug = f"talent-{i:06d}"
        if markdown:
            write_markdown(os.path.join(markdown, slug + ".md"), data, body)
        if i % 10 < 7:
            write_markdown(os.path.join(out, "talents", slug + ".md"), data, body)
        elif i % 10 < 9:
            with open(os.path.join(out, "talents", slug + ".json"), "w", encoding="utf-8") as f:
                json.dump(dict(data, body=body), f, ensure_ascii=False, indent=1)
        else:
            with open(os.path.join(out, "talents", slug + ".json"), "w", encoding="utf-8") as f:
                json.dump(json_resume(data, body), f, ensure_ascii=False, indent=1)
    employers = max(3, count // 100)
    for e in range(employers):
        with open(os.path.join(out, "employers", f"employer-{e:04d}.md"), "w") as f:
            f.write(f"---\nname: Employer {e}\ncity: {'Brussels' if e % 2 else 'Casablanca'}\ncountry: {'BE' if e % 2 else 'MA'}\n---\nAbout employer {e}.\n")
    for v in range(max(1, count // 5)):
        care = v % 2 == 1
        vacancy = {
            "title": ("Nurse" if care else "Developer") + f" {v}", "employer": f"employer-{v % employers:04d}",
            "city": "Gent" if care else "Brussels", "country": "BE" if v % 3 else "MA", "sector": "care" if care else "ict",
            "skills": {"required": rng.sample(CARE if care else ICT, 3), "preferred": rng.sample(CARE if care else ICT, 2)},
            "languages": [{"code": "nl" if care else "fr", "level": "B1"}], "experience_years": rng.randint(0, 5),
            "employment_type": "FULL_TIME", "start": "2027-09-01", "valid_through": "2027-06-30" if v % 20 else "2025-06-30",
            "salary": {"min": 2800, "max": 3600, "currency": "EUR", "unit": "MONTH"},
            "description": f"A position in a team of {rng.randint(4, 40)} people.\n\n## What you do\n\n- Care and teamwork\n",
        }
        with open(os.path.join(out, "vacancies", f"vacancy-{v:05d}.json"), "w") as f:
            json.dump(vacancy, f, indent=1)
    for p in range(10):
        with open(os.path.join(out, "pages", "news", f"item-{p:02d}.md"), "w") as f:
            f.write(f"---\ntitle: News item {p}\ndate: 2026-{p + 1:02d}-10\nsummary: Item {p}.\n---\nText of item {p}.\n")


if __name__ == "__main__":
    main()
