"""Generate a deterministic synthetic ledger for benchmarks (issue 8).

    python3 bench/generate.py --claims 100000 --out /tmp/ledger-100k [--seed 1]

writes ``OUT/claims.yaml``, ``OUT/sources/*.txt``, ``OUT/planted.json`` (the contradictions
planted on purpose, by rule: ``{"C001": [[claim ids], ...], ...}``) and ``OUT/generated.json``
(counts, for the runner).

Design
------
* **Chunks and sources.** Claims are made chunk by chunk (~2,000 claims, two sources of
  ~1,000 claims each, so that duplicates and planted contradictions can be "between" two
  sources). A chunk's two source texts are held in memory (a few hundred KB), then written;
  claims are streamed to a part file, and ``claims.yaml`` is assembled at the end as
  header (version, settings, sources with their sha256, entities) + claims, copied in blocks.
* **No accidental conflicts.** Random data lives on a grid of *groups*: group ``g`` is
  (model block ``i``, benchmark block ``j``) = 8 models x 7 benchmarks (one per category),
  so every (model, benchmark) pair belongs to exactly one group and no score collides with
  another group's. Every comparison, ranking and tally is derived from the group's true
  scores (rankings and tallies name their ``among`` models, whose scores are of pairwise
  comparable settings, as the checker ranks and recounts them), so none can break. Exceptions,
  also true by construction: in groups with ``i == 0`` some benchmarks get a champion (a
  score in 95.0-99.9, a range no other score uses) and a bottom model (0.5-9.9), ranked
  first/last among *all* models (``among: null``); diagonal groups (``i == j``) hold a few
  category comparisons of scope ``some``, one per pair and category in the whole ledger.
  Quantities are a deterministic function of (model, quantity) and use only qualifiers that
  all admit the true value; statements take one polarity per (predicate, object, root
  family). ~5% of scores are repeated by the chunk's other source with the same figure
  (sometimes written ``88.60``, sometimes without the setting): compatible, never a conflict.
* **Planted contradictions.** ``max(1, N // 1000)`` rounds (none below 60 claims), each
  with its own models and benchmarks (isolated from everything else) and one case of:
  C001 (two scores, and two quantities), C002, C003, C004 (a ranking, and a tally), C005,
  C006. ``planted.json`` lists each case's claim ids, sorted; a conflict found by
  ``ledger conflicts`` matches a planted case when it has the same rule and its claim ids
  include the planted ones.
* **Anchoring.** Every quote is one whole sentence of its source that starts with a unique
  five-letter tag ("Result QXKTA: ..."), so it occurs exactly once; the source may write it
  with markdown bold around the figure or a typographic apostrophe, which the loader's
  folding ignores. Every number of a claim is in its quote.
* **Fast path friendly.** The YAML holds no ``&``, ``*``, ``!`` token, ``<<`` or
  ``value:`` inside text, so it is eligible for the loader's fast path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import sys
import time
import zlib
from pathlib import Path

GENERATOR_VERSION = "1"

CATEGORIES = ["general", "code", "math", "reasoning", "tool-use", "long-context", "multilingual"]
MODELS_PER_BLOCK = 8
CHUNK_CLAIMS = 2000
SCORE_COVERAGE = 0.85

MODEL_BASES = [
    "Orion", "Kestrel", "Vega", "Lyra", "Atlas", "Nimbus", "Corvid", "Helix", "Sable", "Quasar",
    "Tundra", "Marlin", "Falco", "Ember", "Cobalt", "Juniper", "Aurora", "Basalt", "Cirrus", "Delta",
    "Fennec", "Granite", "Heron", "Ibis", "Jasper", "Koala", "Lumen", "Mistral", "Nova", "Onyx",
    "Pico", "Quill", "Raven", "Sierra", "Titan", "Umbra", "Vireo", "Wren", "Xenon", "Yarrow",
    "Zephyr", "Argon", "Beacon", "Cedar", "Dune", "Egret", "Flint", "Gale", "Haven", "Iris",
]
SIZES = ["1B", "3B", "7B", "8B", "13B", "34B", "70B", "405B"]
BENCH_BASES = {
    "general": ["KnowBench", "OmniQA", "TriviaPro", "GenEval", "WorldFacts"],
    "code": ["CodeArena", "PyTasks", "RepoFix", "CodeGolf", "SnippetQA"],
    "math": ["MathSet", "ProofLab", "NumReason", "AlgebraQ", "CalcBench"],
    "reasoning": ["LogicGrid", "ARCLite", "DeduceQA", "PuzzleSet", "CauseBench"],
    "tool-use": ["ToolCall", "APIBench", "AgentOps", "FuncMatch", "ShellTasks"],
    "long-context": ["NeedleHay", "LongDocQA", "ScrollSum", "BookRecall", "InfiniRead"],
    "multilingual": ["PolyGlot", "XLingQA", "BabelBench", "TransEval", "LinguaMix"],
}
PUBLISHERS = [
    ("AI Weekly", "blog-post"), ("The Model Report", "article"), ("Bench Notes", "blog-post"),
    ("Compute Digest", "news"), ("LLM Review", "article"), ("Token Times", "news"),
    ("Eval Explained", "video-summary"), ("Open Weights Journal", "paper"), ("Inference Today", "blog-post"),
]
AUTHORS = ["Ada Moreau", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Novak", "Farah Haddad",
           "Goran Petrov", "Hana Sato", "Ivan Ruiz", "Julia Berg"]
FILLER = [
    "The full methodology is described in the appendix.",
    "Numbers were collected from the public model cards where available.",
    "We reran a handful of evaluations to double-check the published figures.",
    "Readers should keep in mind that prompts and harnesses differ between labs.",
    "The next section turns to licensing and availability.",
    "Several figures below come from third-party leaderboards.",
    "As always, benchmark numbers tell only part of the story.",
    "Thanks to the readers who sent corrections to the previous edition.",
]

LANGUAGES = ["French", "German", "Spanish", "Italian", "Portuguese", "Hindi", "Thai", "Japanese",
             "Korean", "Chinese", "Arabic", "Turkish", "Polish", "Dutch", "Swedish", "Finnish",
             "Greek", "Hebrew", "Indonesian", "Vietnamese", "Swahili", "Bengali", "Tamil", "Urdu",
             "Czech", "Romanian", "Hungarian", "Ukrainian", "Malay", "Tagalog"]
PLATFORMS = ["Azure AI Studio", "AWS Bedrock", "Google Vertex", "Hugging Face", "Groq Cloud",
             "Together AI", "Fireworks", "Databricks", "Snowflake Cortex", "IBM watsonx",
             "Oracle Cloud", "Replicate", "Perplexity Labs", "NVIDIA NIM", "Ollama"]
DATA_KINDS = ["synthetic data", "public web text", "licensed news archives", "code repositories",
              "scientific papers", "multilingual web text", "math problem sets", "dialogue transcripts",
              "image captions", "textbooks"]
LICENCES = ["the Apache 2.0 licence", "the MIT licence", "a custom community licence",
            "a research-only licence", "the CC BY-NC 4.0 licence", "a commercial licence",
            "the OpenRAIL licence", "the Llama-style licence"]
# (predicate, objects or None, topic, asserted template, denied template); {s} subject, {o} object
PREDICATES = [
    ("open-weights", None, "licensing", "{s}'s weights are openly released.", "{s}'s weights are not openly released."),
    ("multimodal", None, "model", "{s} accepts images as well as text.", "{s} does not accept images, only text."),
    ("supports-tool-calling", None, "model", "{s} supports native tool calling.", "{s} has no native tool calling."),
    ("safety-tuned", None, "safety", "{s} went through a dedicated safety-tuning stage.",
     "{s} did not go through a dedicated safety-tuning stage."),
    ("open-source", None, "licensing", "{s} is open source under the {qual}.", "{s} is not open source under the {qual}."),
    ("supports-language", LANGUAGES, "model", "{s} officially supports {o}.", "{s} does not officially support {o}."),
    ("available-on", PLATFORMS, "release", "{s} is available on {o}.", "{s} is not available on {o}."),
    ("trained-on", DATA_KINDS, "data-practice", "{s} was trained on {o}.", "{s} was not trained on {o}."),
    ("released-under", LICENCES, "licensing", "{s} is released under {o}.", "{s} is not released under {o}."),
]
QUANTITIES = [  # (quantity id, unit, topic, template with {s} subject and {q} qualified value)
    ("parameters", "parameters", "model", "{s} has {q} parameters."),
    ("context-window", "tokens", "model", "{s} reads a context of {q} tokens."),
    ("training-tokens", "tokens", "data-practice", "{s} was pre-trained on {q} tokens."),
    ("training-gpus", "GPUs", "infrastructure", "{s} was trained on {q} GPUs."),
    ("training-days", "days", "infrastructure", "{s} took {q} days to train."),
    ("supported-languages", "languages", "model", "{s} covers {q} languages."),
]
QUALIFIER_WORDS = {"exact": "", "about": "about ", "over": "over ", "at-least": "at least ", "up-to": "up to "}
SETTINGS = [  # (yaml, text) of a score's setting
    ("", ""), ("", ""), ("{shots: 0}", " (0-shot)"), ("{shots: 5}", " (5-shot)"),
    ("{shots: 0, cot: true}", " (0-shot, CoT)"), ("{shots: 3}", " (3-shot)"), ("{cot: true}", " (CoT)"),
]
SETTING_PARTS = [(None, None), (None, None), (0, None), (5, None), (0, True), (3, None), (None, True)]


def comparable(first: int, second: int) -> bool:
    """Whether two SETTINGS measure the same thing: every part both state is the same."""
    return all(x is None or y is None or x == y for x, y in zip(SETTING_PARTS[first], SETTING_PARTS[second]))


def all_comparable(settings: dict, models, bench: int) -> bool:
    """Whether the models' scores on the benchmark are all of pairwise comparable settings: the
    checker recounts a ranking or a tally within one group of comparable scores."""
    return all(comparable(settings[(a, bench)], settings[(b, bench)]) for a in models for b in models)


VERBS = {  # relation -> (singular, plural) words
    "higher": ("outperforms", "outperform"),
    "slightly-higher": ("edges out", "edge out"),
    "significantly-higher": ("clearly outperforms", "clearly outperform"),
    "lower": ("trails", "trail"),
    "slightly-lower": ("scores slightly lower than", "score slightly lower than"),
    "significantly-lower": ("lags far behind", "lag far behind"),
    "on-par": ("is on par with", "are on par with"),
    "equal": ("matches", "match"),
    "at-least": ("is at least on par with", "are at least on par with"),
}
TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def tenths(value: int) -> str:
    return f"{value // 10}.{value % 10}"


def names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def flow_list(ids) -> str:
    return "[" + ", ".join(ids) + "]"


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


class Vocabulary:
    """Entities, as deterministic functions of block numbers."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._models: dict[int, list] = {}
        self._benches: dict[int, list] = {}
        self._quantities: dict[str, dict] = {}

    def block_models(self, i: int) -> list[tuple[str, str]]:
        """(id, display name) of model block i: two versions of one family, four sizes each."""
        if i not in self._models:
            base = MODEL_BASES[i % len(MODEL_BASES)]
            generation = i // len(MODEL_BASES)
            models = []
            for v in range(2):
                version = str(2 * generation + v + 1)
                sizes = [SIZES[(i + v + k * 2) % len(SIZES)] for k in range(4)]
                for size in sorted(set(sizes), key=SIZES.index):
                    models.append((f"{base.lower()}-{version}-{size.lower()}", f"{base} {version} {size}"))
            while len(models) < MODELS_PER_BLOCK:  # sizes collided: add distinct variants
                k = len(models)
                models.append((f"{base.lower()}-{2 * generation + 1}-x{k}", f"{base} {2 * generation + 1} X{k}"))
            self._models[i] = models[:MODELS_PER_BLOCK]
        return self._models[i]

    @staticmethod
    def family_of(model_id: str) -> tuple[str, str]:
        base, version = model_id.split("-")[:2]
        return f"{base}-{version}", base

    def block_benches(self, j: int) -> list[tuple[str, str, str]]:
        """(id, name, category) of benchmark block j: one benchmark per category."""
        if j not in self._benches:
            out = []
            for c, category in enumerate(CATEGORIES):
                bases = BENCH_BASES[category]
                base = bases[j % len(bases)]
                number = j // len(bases) + 1
                out.append((f"{base.lower()}-{number}", f"{base}-{number}", category))
            self._benches[j] = out
        return self._benches[j]

    def quantity_values(self, model_id: str) -> dict[str, str]:
        """The true figures of a model, as the sources write them."""
        if model_id not in self._quantities:
            r = random.Random(f"{self.seed}:{model_id}")
            size = model_id.split("-")[-1]
            params = size[:-1] + " billion" if size.endswith("b") and size[:-1].isdigit() else f"{r.randint(2, 90)} billion"
            self._quantities[model_id] = {
                "parameters": params,
                "context-window": r.choice(["8k", "32k", "128k", "200k", "1M"]),
                "training-tokens": f"{r.randint(2, 18)}.{r.randint(1, 9)} trillion",
                "training-gpus": f"{r.randint(2, 32)},{r.choice(['000', '384', '500'])}",
                "training-days": str(r.randint(20, 120)),
                "supported-languages": str(r.randint(3, 40)),
            }
        return self._quantities[model_id]


class Generator:
    def __init__(self, n: int, out: Path, seed: int) -> None:
        self.n = n
        self.out = out
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(seed)
        self.serial = 0
        groups_estimate = max(1, math.ceil(n / 60))
        self.k = max(2, math.ceil(math.sqrt(groups_estimate)))  # model blocks
        self.max_j = -1
        self.groups = 0
        self.sources_meta: list[str] = []
        self.kinds: dict[str, int] = {}
        self.planted: dict[str, list[list[str]]] = {f"C00{r}": [] for r in range(1, 7)}
        self.planted_rounds = 0 if n < 60 else max(1, n // 1000)
        self.planted_entities: list[str] = []
        self.source_count = 0
        self.source_bytes = 0

    # ------------------------------------------------------------ claims
    def tag(self, lead: str) -> str:
        self.serial += 1
        s, letters = self.serial, []
        for _ in range(5):
            s, rest = divmod(s, 26)
            letters.append(TAG_LETTERS[rest])
        return f"{lead} {''.join(reversed(letters))}:"

    def claim(self, kind: str, source: str, slot: int, sentence: str, fields: str, topic: str,
              descr: str, rendered: str | None = None, note: str | None = None):
        """One claim: (source slot, YAML text, the sentence as the source writes it, id)."""
        claim_id = f"{source}-{descr}-{self.serial}"
        lines = [f"  - id: {claim_id}\n    kind: {kind}\n    source: {source}\n    topic: {topic}\n"
                 f"    quote: {q(sentence)}\n", fields]
        if note:
            lines.append(f"    note: {q(note)}\n")
        return slot, "".join(lines), rendered or sentence, claim_id, kind

    def score(self, src, slot, model, bench, value: int, setting: int, written: str | None = None,
              bold: bool = False):
        (model_id, model_name), (bench_id, bench_name) = model, bench[:2]
        setting_yaml, setting_text = SETTINGS[setting]
        figure = written or tenths(value)
        template = self.rng.randrange(3)
        tag = self.tag("Result")
        if template == 0:
            sentence = f"{tag} {model_name} scores {figure} on {bench_name}{setting_text}."
        elif template == 1:
            sentence = f"{tag} on {bench_name}{setting_text}, {model_name} reaches {figure}."
        else:
            sentence = f"{tag} {bench_name}{setting_text}: {model_name} posts a score of {figure}."
        rendered = sentence.replace(f" {figure}", f" **{figure}**", 1) if bold else None
        fields = (f"    model: {model_id}\n    benchmark: {bench_id}\n"
                  + (f"    setting: {setting_yaml}\n" if setting_yaml else "")
                  + f"    value: {figure}\n")
        return self.claim("score", src[slot], slot, sentence, fields, "benchmark",
                          f"{bench_id}-score-{model_id}", rendered)

    def comparison(self, src, slot, subjects, relation, objects, bench=None, category=None):
        singular, plural = VERBS[relation]
        verb = singular if len(subjects) == 1 else plural
        subject_names = names([m[1] for m in subjects])
        object_names = names([m[1] for m in objects])
        tag = self.tag("Comparison")
        if bench is not None:
            sentence = f"{tag} on {bench[1]}, {subject_names} {verb} {object_names}."
            target = f"    benchmark: {bench[0]}\n"
        else:
            sentence = f"{tag} {subject_names} {verb} {object_names} on some {category} benchmarks."
            target = f"    category: {category}\n    scope: some\n"
        fields = (f"    subjects: {flow_list(m[0] for m in subjects)}\n    relation: {relation}\n"
                  f"    objects: {flow_list(m[0] for m in objects)}\n{target}    words: {q(verb)}\n")
        descr = f"{bench[0] if bench else category}-{subjects[0][0]}-{relation}"
        return self.claim("comparison", src[slot], slot, sentence, fields, "benchmark", descr)

    def ranking(self, src, slot, subject, rank, bench, among=None):
        words = {"first": "scores the highest", "second": "comes second", "last": "scores the lowest"}[rank]
        tag = self.tag("Ranking")
        if among is None:
            sentence = f"{tag} of all the models compared on {bench[1]}, {subject[1]} {words}."
            among_yaml = "null"
        else:
            sentence = f"{tag} among {names([m[1] for m in among])} on {bench[1]}, {subject[1]} {words}."
            among_yaml = flow_list(m[0] for m in among)
        fields = (f"    subjects: [{subject[0]}]\n    rank: {rank}\n    benchmark: {bench[0]}\n"
                  f"    among: {among_yaml}\n    words: {q(words)}\n")
        return self.claim("ranking", src[slot], slot, sentence, fields, "benchmark",
                          f"{bench[0]}-{subject[0]}-{rank}")

    def tally(self, src, slot, subject, among, benches, count: int):
        tag = self.tag("Tally")
        sentence = (f"{tag} {subject[1]} scores higher than {names([m[1] for m in among])} on {count} of "
                    f"{len(benches)} benchmarks ({names([b[1] for b in benches])}).")
        fields = (f"    subject: {subject[0]}\n    relation: higher\n    among: {flow_list(m[0] for m in among)}\n"
                  f"    benchmarks: {flow_list(b[0] for b in benches)}\n    count: {count}\n"
                  f"    total: {len(benches)}\n    words: {q(f'higher on {count} of {len(benches)}')}\n")
        return self.claim("tally", src[slot], slot, sentence, fields, "benchmark", f"{subject[0]}-tally")

    def quantity(self, src, slot, subject, quantity_index: int, qualifier: str, value: str | None = None):
        quantity, unit, topic, template = QUANTITIES[quantity_index]
        value = value or self.vocab.quantity_values(subject[0])[quantity]
        tag = self.tag("Fact")
        sentence = f"{tag} " + template.format(s=subject[1], q=QUALIFIER_WORDS[qualifier] + value)
        fields = (f"    subject: {subject[0]}\n    quantity: {quantity}\n    value: {q(value)}\n"
                  f"    unit: {unit}\n    qualifier: {qualifier}\n    against: null\n")
        return self.claim("quantity", src[slot], slot, sentence, fields, topic, f"{subject[0]}-{quantity}")

    def statement(self, src, slot, subject, predicate_index: int, obj: str | None, polarity: bool,
                  predicate: str | None = None, qualifiers=(), templates=None, topic=None):
        name, _objects, default_topic, yes, no = PREDICATES[predicate_index] if predicate is None else \
            (predicate, None, topic, *templates)
        tag = self.tag("Note")
        qual = {"osi-definition": "OSI definition", "licence-terms": "terms of its licence"}.get(
            qualifiers[0] if qualifiers else "", "")
        sentence = f"{tag} " + (yes if polarity else no).format(s=subject[1], o=obj, qual=qual)
        rendered = sentence.replace("'", "\u2019") if "'" in sentence and self.rng.random() < 0.5 else None
        fields = (f"    subject: {subject[0]}\n    predicate: {name}\n    object: {q(obj) if obj else 'null'}\n"
                  f"    polarity: {'true' if polarity else 'false'}\n    qualifiers: {flow_list(qualifiers)}\n")
        return self.claim("statement", src[slot], slot, sentence, fields, default_topic,
                          f"{subject[0]}-{name}", rendered)

    # ------------------------------------------------------------ a group of true claims
    def group(self, src) -> list:
        """The claims of the next grid group, scores first (so truncating the tail never leaves
        a derived claim without the scores it was derived from)."""
        rng = self.rng
        g = self.groups
        self.groups += 1
        i, j = g % self.k, g // self.k
        self.max_j = max(self.max_j, j)
        models = self.vocab.block_models(i)
        benches = self.vocab.block_benches(j)
        values: dict[tuple[int, int], int] = {}
        for b in range(len(benches)):
            for m in range(len(models)):
                if rng.random() < SCORE_COVERAGE:
                    values[(m, b)] = rng.randint(100, 949)
        champions = []  # (model, bench, rank) ranked among all models on the benchmark
        if i == 0:
            for b in range(len(benches)):
                scored = [m for m in range(len(models)) if (m, b) in values]
                if len(scored) >= 2 and rng.random() < 0.5:
                    top, bottom = rng.sample(scored, 2)
                    values[(top, b)] = rng.randint(950, 999)
                    champions.append((top, b, "first"))
                    if rng.random() < 0.5:
                        values[(bottom, b)] = rng.randint(5, 99)
                        champions.append((bottom, b, "last"))
        out = []
        settings: dict[tuple[int, int], int] = {}
        for (m, b), value in values.items():
            setting = settings[(m, b)] = rng.randrange(len(SETTINGS))
            slot = rng.randrange(2)
            out.append(self.score(src, slot, models[m], benches[b], value, setting, bold=rng.random() < 0.1))
            if rng.random() < 0.05:  # another write-up repeats the figure
                written = tenths(value) + "0" if rng.random() < 0.3 else None
                out.append(self.score(src, 1 - slot, models[m], benches[b], value,
                                      0 if rng.random() < 0.3 else setting, written))

        def scored_on(b):
            return [m for m in range(len(models)) if (m, b) in values]

        # comparisons, derived from the true scores
        for _ in range(7):
            b = rng.randrange(len(benches))
            pool = scored_on(b)
            if len(pool) < 2:
                continue
            n_sub = 2 if len(pool) >= 3 and rng.random() < 0.15 else 1
            picked = rng.sample(pool, min(len(pool), n_sub + rng.randint(1, 2)))
            subjects, objects = picked[:n_sub], picked[n_sub:]
            relation = self.relation([values[(s, b)] - values[(o, b)] for s in subjects for o in objects])
            if relation is None:
                continue
            out.append(self.comparison(src, rng.randrange(2), [models[s] for s in subjects], relation,
                                       [models[o] for o in objects], bench=benches[b]))
        if i == j:  # category comparisons, scope some: one per pair and category in the ledger
            used = set()
            for _ in range(2):
                c = rng.randrange(len(CATEGORIES))
                pool = scored_on(c)
                if len(pool) < 2:
                    continue
                a, o = rng.sample(pool, 2)
                if values[(a, c)] == values[(o, c)] or (min(a, o), max(a, o), c) in used:
                    continue
                if not comparable(settings[(a, c)], settings[(o, c)]):
                    continue  # the checker sets a score only against one of a comparable setting
                used.add((min(a, o), max(a, o), c))
                if values[(a, c)] < values[(o, c)]:
                    a, o = o, a
                out.append(self.comparison(src, rng.randrange(2), [models[a]], "higher", [models[o]],
                                           category=CATEGORIES[c]))
        # rankings among named models, and the champions among all
        for _ in range(4):
            b = rng.randrange(len(benches))
            pool = scored_on(b)
            if len(pool) < 3:
                continue
            among = rng.sample(pool, rng.randint(3, min(5, len(pool))))
            ordered = sorted(among, key=lambda m: -values[(m, b)])
            if len({values[(m, b)] for m in among}) != len(among):
                continue  # ties: no strict ranking
            if not all_comparable(settings, among, b):
                continue  # the checker ranks among scores of comparable settings only
            rank = rng.choice(["first", "first", "second", "last"])
            subject = {"first": ordered[0], "second": ordered[1], "last": ordered[-1]}[rank]
            out.append(self.ranking(src, rng.randrange(2), models[subject], rank, benches[b],
                                    [models[m] for m in among]))
        for m, b, rank in champions:
            out.append(self.ranking(src, rng.randrange(2), models[m], rank, benches[b], None))
        # tallies, recounted from the scores
        for _ in range(2):
            subject = rng.randrange(len(models))
            others = [m for m in range(len(models)) if m != subject]
            among = rng.sample(others, rng.randint(1, 2))
            eligible = [b for b in range(len(benches))
                        if all((m, b) in values for m in [subject] + among)
                        and all_comparable(settings, [subject] + among, b)]
            if len(eligible) < 3:
                continue
            chosen = sorted(rng.sample(eligible, 3))
            count = sum(all(values[(subject, b)] > values[(m, b)] for m in among) for b in chosen)
            out.append(self.tally(src, rng.randrange(2), models[subject], [models[m] for m in among],
                                  [benches[b] for b in chosen], count))
        # quantities and statements about the block's models and families
        for _ in range(9):
            subject = models[rng.randrange(len(models))]
            out.append(self.quantity(src, rng.randrange(2), subject, rng.randrange(len(QUANTITIES)),
                                     rng.choice(list(QUALIFIER_WORDS))))
        for _ in range(13):
            model_id, model_name = models[rng.randrange(len(models))]
            family, root = Vocabulary.family_of(model_id)
            level = rng.random()
            if level < 0.6:
                subject = (model_id, model_name)
            elif level < 0.85:
                subject = (family, " ".join(model_name.split()[:2]))
            else:
                subject = (root, model_name.split()[0])
            p = rng.randrange(len(PREDICATES))
            objects = PREDICATES[p][1]
            obj = rng.choice(objects) if objects else None
            polarity = crc(f"{self.seed}|{PREDICATES[p][0]}|{obj}|{root}") % 10 < 7
            qualifiers = [rng.choice(["osi-definition", "licence-terms"])] if PREDICATES[p][0] == "open-source" else []
            out.append(self.statement(src, rng.randrange(2), subject, p, obj, polarity, qualifiers=qualifiers))
        return out

    def relation(self, gaps: list[int]) -> str | None:
        """A relation word that every gap (subject minus object, in tenths) satisfies."""
        options = []
        if all(g > 0 for g in gaps):
            options += ["higher", "higher"]
            if all(g <= 20 for g in gaps):
                options.append("slightly-higher")
            if all(g >= 30 for g in gaps):
                options.append("significantly-higher")
        if all(g < 0 for g in gaps):
            options += ["lower", "lower"]
            if all(g >= -20 for g in gaps):
                options.append("slightly-lower")
            if all(g <= -30 for g in gaps):
                options.append("significantly-lower")
        if all(abs(g) <= 10 for g in gaps):
            options.append("on-par")
        if all(g == 0 for g in gaps):
            options.append("equal")
        if not options and all(g >= -10 for g in gaps):
            options.append("at-least")
        return self.rng.choice(options) if options else None

    # ------------------------------------------------------------ planted contradictions
    def planted_round(self, r: int, src) -> list:
        rng = self.rng
        family = (f"kite-{r}", f"Kite-{r}")
        a, b, c = [(f"kite-{r}-{s.lower()}", f"Kite-{r} {s}") for s in ("Mini", "Base", "Pro")]
        benches = [(f"probe-{r}-{x.lower()}", f"Probe-{r}-{x}", CATEGORIES[(r + k) % len(CATEGORIES)])
                   for k, x in enumerate("ABCDEFG")]
        self.planted_entities.append(f"  - {{id: {family[0]}, kind: model-family, name: {q(family[1])}}}\n")
        for m in (a, b, c):
            self.planted_entities.append(
                f"  - {{id: {m[0]}, kind: model, name: {q(m[1])}, family: {family[0]}}}\n")
        for bench in benches:
            self.planted_entities.append(
                f"  - {{id: {bench[0]}, kind: benchmark, name: {q(bench[1])}, category: {bench[2]}, "
                f"metric: accuracy, unit: \"%\"}}\n")
        out, v = [], rng.randint(300, 800)

        def plant(rule, claims):
            out.extend(claims)
            self.planted[rule].append(sorted(cl[3] for cl in claims))

        # C001: two scores, same model, benchmark and setting, incompatible figures, two sources
        plant("C001", [self.score(src, 0, a, benches[0], v, 3), self.score(src, 1, a, benches[0], v + rng.randint(15, 40), 3)])
        # C001: two quantities, same subject, quantity and unit
        plant("C001", [self.quantity(src, 0, c, 3, "exact", "16,000"), self.quantity(src, 1, c, 3, "exact", "24,000")])
        # C002: a comparison the scores break
        s_a, s_b = self.score(src, 0, a, benches[1], v, 0), self.score(src, 1, b, benches[1], v + rng.randint(20, 80), 0)
        comp = self.comparison(src, rng.randrange(2), [a], "higher", [b], bench=benches[1])
        plant("C002", [comp, s_a, s_b])
        # C003: two comparisons ordering a pair oppositely (no scores on that benchmark)
        plant("C003", [self.comparison(src, 0, [a], "higher", [b], bench=benches[2]),
                       self.comparison(src, 1, [a], "lower", [b], bench=benches[2])])
        # C004: a ranking the scores break
        r_a = self.score(src, 0, a, benches[3], v, 0)
        r_b = self.score(src, 1, b, benches[3], v + rng.randint(10, 50), 0)
        r_c = self.score(src, 0, c, benches[3], v - 100, 0)
        out.append(r_c)
        plant("C004", [self.ranking(src, 0, a, "first", benches[3], [a, b, c]), r_a, r_b])
        # C004: a tally miscounted (says 2 of 2, the scores give 1 of 2)
        t = [self.score(src, 0, a, benches[4], v + 30, 0), self.score(src, 0, b, benches[4], v, 0),
             self.score(src, 1, a, benches[5], v, 0), self.score(src, 1, b, benches[5], v + 30, 0)]
        plant("C004", [self.tally(src, rng.randrange(2), a, [b], [benches[4], benches[5]], 2)] + t)
        # C005: the same proposition asserted and denied, same qualifiers
        templates = ("{s} was trained on the test set of {o}.", "{s} was not trained on the test set of {o}.")
        plant("C005", [self.statement(src, 0, a, 0, benches[6][1], True, predicate="trained-on-test-set",
                                      templates=templates, topic="data-practice"),
                       self.statement(src, 1, a, 0, benches[6][1], False, predicate="trained-on-test-set",
                                      templates=templates, topic="data-practice")])
        # C006: same model and benchmark, different shots
        plant("C006", [self.score(src, 0, b, benches[6], v, 2), self.score(src, 1, b, benches[6], v + 20, 3)])
        return out

    # ------------------------------------------------------------ sources and files
    def new_sources(self, chunk: int) -> list[str]:
        ids = []
        for k in range(2):
            publisher, _kind = PUBLISHERS[(2 * chunk + k) % len(PUBLISHERS)]
            ids.append(f"{publisher.lower().replace(' ', '-')}-{2 * chunk + k + 1:04d}")
        return ids

    def write_source(self, number: int, source_id: str, sentences: list[str]) -> None:
        rng = self.rng
        publisher, kind = PUBLISHERS[number % len(PUBLISHERS)]
        author = AUTHORS[number % len(AUTHORS)]
        date = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        title = f"Benchmark round-up {number + 1}: what the new models score"
        lines = [f"# {title}", f"By {author} \u00b7 {publisher} \u00b7 {date}", ""]
        paragraph = []
        for sentence in sentences:
            paragraph.append(sentence)
            if rng.random() < 0.12:
                paragraph.append(FILLER[rng.randrange(len(FILLER))])
            if len(paragraph) >= 6 and rng.random() < 0.3:
                lines += [" ".join(paragraph), ""]
                paragraph = []
        if paragraph:
            lines += [" ".join(paragraph), ""]
        data = "\n".join(lines).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        relative = f"sources/{number + 1:04d}_{digest[:16]}.txt"
        (self.out / relative).write_bytes(data)
        self.source_count += 1
        self.source_bytes += len(data)
        self.sources_meta.append(
            f"  - id: {source_id}\n    file: {relative}\n    title: {q(title)}\n    authors: [{author}]\n"
            f"    publisher: {publisher}\n    published: \"{date}\"\n    url: null\n    kind: {kind}\n"
            f"    sha256: \"{digest}\"\n    skips:\n      - {{lines: [1, 2], reason: front matter (title and byline)}}\n")

    def entities_yaml(self):
        seen_families = set()
        for i in range(self.k):
            for model_id, name in self.vocab.block_models(i):
                family, root = Vocabulary.family_of(model_id)
                if root not in seen_families:
                    seen_families.add(root)
                    yield f"  - {{id: {root}, kind: model-family, name: {q(name.split()[0])}}}\n"
                if family not in seen_families:
                    seen_families.add(family)
                    yield (f"  - {{id: {family}, kind: model-family, name: {q(' '.join(name.split()[:2]))}, "
                           f"family: {root}}}\n")
                alias = name.replace(" ", "-", 1)
                yield f"  - {{id: {model_id}, kind: model, name: {q(name)}, family: {family}, aliases: [{q(alias)}]}}\n"
        for j in range(self.max_j + 1):
            for bench_id, name, category in self.vocab.block_benches(j):
                yield (f"  - {{id: {bench_id}, kind: benchmark, name: {q(name)}, category: {category}, "
                       f"metric: accuracy, unit: \"%\", aliases: [{q(name.replace('-', ' '))}]}}\n")
        yield from self.planted_entities

    def run(self) -> dict:
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        sources_dir = self.out / "sources"
        if sources_dir.exists():
            shutil.rmtree(sources_dir)
        sources_dir.mkdir()
        cache = self.out / ".ledger-cache"
        if cache.exists():
            shutil.rmtree(cache)
        part_path = self.out / ".claims.part"
        chunks = max(1, math.ceil(self.n / CHUNK_CLAIMS))
        rounds_of = [[] for _ in range(chunks)]
        for r in range(self.planted_rounds):
            rounds_of[r * chunks // self.planted_rounds].append(r)
        written = 0
        with open(part_path, "w", encoding="utf-8", buffering=1 << 20) as part:
            for chunk in range(chunks):
                quota = self.n * (chunk + 1) // chunks - self.n * chunk // chunks
                src = self.new_sources(chunk)
                claims = []
                for r in rounds_of[chunk]:
                    claims += self.planted_round(r, src)
                if len(claims) > quota:
                    raise SystemExit(f"chunk {chunk}: planted claims ({len(claims)}) exceed its quota ({quota})")
                while len(claims) < quota:
                    claims += self.group(src)
                del claims[quota:]
                sentences = ([], [])
                for slot, text, rendered, _claim_id, kind in claims:
                    sentences[slot].append(rendered)
                    self.kinds[kind] = self.kinds.get(kind, 0) + 1
                part.write("".join(c[1] for c in claims))
                written += len(claims)
                for k in range(2):
                    self.write_source(2 * chunk + k, src[k], sentences[k])
        ledger_path = self.out / "claims.yaml"
        with open(ledger_path, "w", encoding="utf-8", buffering=1 << 20) as ledger:
            ledger.write(
                "# yaml-language-server: $schema=ledger.schema.json\n"
                f"# A synthetic ledger for benchmarks: {self.n:,} claims, seed {self.seed}.\n"
                "# Generated by bench/generate.py; do not edit.\n\n"
                "version: 1\n\nsettings:\n  tolerances:\n    on_par: 1.0\n    slightly: 2.0\n"
                "    significantly: 3.0\n    about: 0.1\n\nsources:\n")
            ledger.writelines(self.sources_meta)
            ledger.write("\nentities:\n")
            ledger.writelines(self.entities_yaml())
            ledger.write("\nclaims:\n")
            with open(part_path, "r", encoding="utf-8") as part:
                shutil.copyfileobj(part, ledger, 1 << 20)
            ledger.write("\nreviews: []\n")
        part_path.unlink()
        (self.out / "planted.json").write_text(json.dumps(self.planted, indent=1) + "\n", encoding="utf-8")
        size = ledger_path.stat().st_size
        stats = {
            "generator_version": GENERATOR_VERSION,
            "claims": written,
            "seed": self.seed,
            "kinds": dict(sorted(self.kinds.items(), key=lambda kv: -kv[1])),
            "sources": self.source_count,
            "source_bytes": self.source_bytes,
            "ledger_bytes": size,
            "bytes_per_claim": round(size / max(1, written), 1),
            "model_blocks": self.k,
            "benchmark_blocks": self.max_j + 1,
            "groups": self.groups,
            "planted_rounds": self.planted_rounds,
            "planted": {rule: len(cases) for rule, cases in self.planted.items()},
            "seconds": round(time.perf_counter() - started, 2),
        }
        (self.out / "generated.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
        return stats


def generate(n: int, out, seed: int = 1) -> dict:
    """Write the synthetic ledger of ``n`` claims under ``out``; returns its statistics."""
    if n < 1:
        raise ValueError("--claims must be at least 1")
    return Generator(n, Path(out), seed).run()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, required=True, help="number of claims (N)")
    parser.add_argument("--out", required=True, help="output folder (claims.yaml, sources/, planted.json)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    stats = generate(args.claims, args.out, args.seed)
    print(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
