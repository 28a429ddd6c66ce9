"""Train the message coach's linear model and write mend/engine/data/coach/model.json.

    python -m eval.train_coach            # train on the dev data, cross-validate, write weights
    python -m eval.train_coach --check    # cross-validated figures only, write nothing

Inputs: shared/data/goemotions_dev.tsv (GoEmotions, CC BY 4.0) with the task A/B label mapping of
shared/data/PROVENANCE.md; for hostility also the GoEmotions train split in eval/corpora (its
Ekman groups give task A's labels; see eval/corpora/README.md), added to every training fold
while the cross-validated figures are measured on dev rows only; and the static sub-word embeddings shipped inside the ``wordllama`` wheel
(WordLlama ``l2_supercat`` 256-d, MIT). The embeddings are only used here: a word's vector is the
mean of its sub-word pieces, and a linear model over the mean word vector of a text is the mean of
per-word scores, so the engine ships one number per word and task for a fixed vocabulary (the
whole-word pieces of the WordLlama tokenizer, the valence lexicon and every word of the shared
text corpora); words outside it add nothing.

Features are computed by the engine's own code (mend.engine.coach._features and ._rules), so the
shipped weights score run-time text exactly as in training. scikit-learn is used only here.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from eval.data import goemotions, goemotions_train_hostility
from mend.engine.coach import _rules
from mend.engine.coach._data import DATA_DIR, word_scores
from mend.engine.coach._features import (
    LONG_PREFIX,
    NEGATORS,
    PREFIX,
    PREFIX_VALUE,
    PROFANITY_SCALE,
    TOKEN,
    YOU,
    greedy_pieces,
    sparse_features,
    tokens,
)

SEED = 13
FOLDS = 5
TASKS = ("hostility", "appreciation", "apology")
C_BY_TASK = {"hostility": 0.5, "appreciation": 2.0, "apology": 1.0}
EMB_SCALE = 2.0
EMB_DIM = 256
MODEL_PATH = DATA_DIR / "model.json"
PRUNE = 0.02
# Word pairs are many (200k) and each adds little: only the strong ones are shipped. Hostility CV
# AUC is 0.881 whether pairs from 0.1 or from 0.5 are kept (0.878 with none); fewer pair tables
# make scoring faster.
PAIR_PRUNE = 0.5
MIN_COUNT = 2  # a word of the train split gets an embedding score when it occurs this often
WORD_CHARS = re.compile("[a-z0-9']+")


@dataclass
class Embeddings:
    vocab: dict[str, int]
    matrix: np.ndarray
    max_len: int


def load_embeddings() -> Embeddings:
    import wordllama
    from safetensors.numpy import load_file

    root = Path(wordllama.__file__).resolve().parent
    matrix = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    tok = json.loads((root / "tokenizers" / "l2_supercat_tokenizer_config.json").read_text())
    vocab = {p: i for p, i in tok["model"]["vocab"].items() if not (p.startswith("<") and p.endswith(">"))}
    matrix = matrix.astype(np.float32)
    matrix /= float(np.linalg.norm(matrix[list(vocab.values())], axis=1).mean())
    return Embeddings(vocab, matrix, max(len(p) for p in vocab))


def text_kinds(text: str) -> list[str]:
    return sorted({f.kind for f in _rules.find(text)})


def vocabulary(emb: Embeddings, more_texts: list[str]) -> list[str]:
    """Words that get an embedding score: fixed lists, not chosen by label."""
    from eval.data import conversations, tsv

    words = {p[1:] for p in emb.vocab if p.startswith("▁") and WORD_CHARS.fullmatch(p[1:])}
    counts = Counter(t for text in more_texts for t in tokens(text))
    words |= {w for w, n in counts.items() if n >= MIN_COUNT}
    words |= set(word_scores("valence.tsv"))
    for e in goemotions():
        words.update(tokens(e.text))
    for r in tsv("politeness_dev.tsv"):
        words.update(tokens(r["text"]))
    for r in tsv("positive_frames_dev.tsv"):
        words.update(tokens(r["original_text"]))
        words.update(tokens(r["reframed_text"]))
    for ctx, _ in conversations():
        for m in ctx:
            words.update(tokens(m))
    return sorted(w for w in words if w[0].isalnum() and WORD_CHARS.fullmatch(w))


def word_vectors(words: list[str], emb: Embeddings) -> dict[str, np.ndarray]:
    out = {}
    for w in words:
        ids = [emb.vocab[p] for p in greedy_pieces(w, emb.vocab.__contains__, emb.max_len)]
        if ids:
            out[w] = emb.matrix[ids].mean(axis=0) * EMB_SCALE
    return out


def embed(texts: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Mean word vector of each text over the words that have one."""
    out = np.zeros((len(texts), EMB_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        found = [vectors[t] for t in tokens(text) if t in vectors]
        if found:
            out[row] = np.mean(found, axis=0)
    return out


def featurize(texts: list[str]) -> list[dict[str, float]]:
    return [sparse_features(t, tokens(t), text_kinds(t)) for t in texts]


def fit(x: csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=4000, class_weight="balanced", fit_intercept=False)
    return model.fit(x, y)


def platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Calibration (a, b) on out-of-fold margins, shifted so 0.5 is the dev F1-optimal point."""
    cal = LogisticRegression(C=1e4, class_weight="balanced").fit(margins[:, None], y)
    a, b = float(cal.coef_[0, 0]), float(cal.intercept_[0])
    probs = 1 / (1 + np.exp(-(a * margins + b)))
    best_t, best_f1 = 0.5, -1.0
    for t in np.linspace(0.05, 0.95, 91):
        f1 = f1_score(y, probs >= t)
        if f1 > best_f1:
            best_t, best_f1 = float(t), float(f1)
    b -= math.log(best_t / (1 - best_t))
    return a, b, best_f1


def task_rows(data: list, task: str) -> tuple[list[int], np.ndarray]:
    if task == "hostility":
        idx = [i for i, e in enumerate(data) if e.hostility is not None]
        return idx, np.array([data[i].hostility for i in idx])
    label = {"appreciation": "gratitude", "apology": "remorse"}[task]
    idx = list(range(len(data)))
    return idx, np.array([int(label in e.labels) for e in data])


def train(check_only: bool = False, verbose: bool = True) -> dict[str, dict[str, float]]:
    data = goemotions()
    texts = [e.text for e in data]
    feats = featurize(texts)
    # the GoEmotions train split (task A labels from its Ekman groups) joins every hostility
    # training fold; the folds themselves, and so every figure, are dev rows only
    extra = goemotions_train_hostility()
    extra_texts = [t for t, _ in extra]
    extra_y = np.array([label for _, label in extra])
    extra_feats = featurize(extra_texts)
    emb = load_embeddings()
    vectors = word_vectors(vocabulary(emb, extra_texts), emb)
    dense = embed(texts, vectors)
    extra_dense = embed(extra_texts, vectors)
    figures: dict[str, dict[str, float]] = {}
    coefs: dict[str, tuple[DictVectorizer, np.ndarray]] = {}
    calibration = []
    for task in TASKS:
        idx, y = task_rows(data, task)
        c = C_BY_TASK[task]
        margins = np.zeros(len(idx))
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
        add = task == "hostility"
        for tr, te in folds.split(np.zeros(len(y)), y):
            vec = DictVectorizer()
            rows = [feats[idx[i]] for i in tr]
            x_dense, ya = dense[[idx[i] for i in tr]], y[tr]
            if add:
                rows += extra_feats
                x_dense, ya = np.vstack([x_dense, extra_dense]), np.concatenate([ya, extra_y])
            xa = hstack([vec.fit_transform(rows), x_dense])
            xb = hstack([vec.transform([feats[idx[i]] for i in te]), dense[[idx[i] for i in te]]])
            # scored as shipped: without the small weights that export drops
            margins[te] = xb.tocsr() @ prune(vec, fit(xa.tocsr(), ya, c).coef_[0])
        a, b, _f1 = platt(margins, y)
        probs = 1 / (1 + np.exp(-(a * margins + b)))
        figures[task] = {
            "auc": float(roc_auc_score(y, margins)),
            "f1": float(f1_score(y, probs >= 0.5)),
            "n": float(len(y)),
            "positives": float(y.sum()),
        }
        if verbose:
            print(
                f"{task:13s} {FOLDS}-fold CV  AUC {figures[task]['auc']:.3f}  F1@0.5 {figures[task]['f1']:.3f}"
            )
        calibration.append((a, b))
        if not check_only:
            vec = DictVectorizer()
            rows = [feats[i] for i in idx] + (extra_feats if add else [])
            x_dense = np.vstack([dense[idx], extra_dense]) if add else dense[idx]
            x = hstack([vec.fit_transform(rows), x_dense]).tocsr()
            coefs[task] = (vec, fit(x, np.concatenate([y, extra_y]) if add else y, c).coef_[0])
    if not check_only:
        counts = Counter(t for text in texts + extra_texts for t in tokens(text))
        export(coefs, vectors, calibration, figures, counts)
        check_export(texts, feats, dense, coefs)
    return figures


def check_export(
    texts: list[str],
    feats: list[dict[str, float]],
    dense: np.ndarray,
    coefs: dict[str, tuple[DictVectorizer, np.ndarray]],
) -> None:
    """The engine's one-pass scorer, reading the written file, gives the trained model's margins."""
    from mend.engine.coach import _data, _model

    _data.json_file.cache_clear()  # the file may have been read (and cached) before it was rewritten
    _model.model.cache_clear()
    worst = pruning = pruning_mean = 0.0
    for task in TASKS:
        vec, coef = coefs[task]
        x = hstack([vec.transform(feats), dense]).tocsr()
        shipped = prune(vec, coef)
        got = np.array([_model.raw_scores(text, text_kinds(text))[task] for text in texts])
        worst = max(worst, float(np.abs(x @ shipped - got).max()))
        moved = np.abs(x @ coef - got)
        pruning = max(pruning, float(moved.max()))
        pruning_mean = max(pruning_mean, float(moved.mean()))
    print(
        f"engine scorer vs trained model: largest margin difference {worst:.4f} after pruning (int16 "
        f"packing); pruning small weights moves margins by {pruning_mean:.4f} on average, {pruning:.4f} at most"
    )
    assert worst < 0.05, worst


def prune(vec: DictVectorizer, coef: np.ndarray) -> np.ndarray:
    """``coef`` with the weights ``export`` would drop set to zero (dense weights are all kept)."""
    names = vec.get_feature_names_out()
    out = coef.copy()
    for j, (name, weight) in enumerate(zip(names, coef, strict=False)):
        if not kept(str(name), float(weight)):
            out[j] = 0.0
    return out


def kept(name: str, weight: float) -> bool:
    """Whether ``export`` ships a sparse feature's weight (small word, pair and prefix weights are dropped)."""
    group = name.partition(":")[0]
    if group not in ("w", "b", "p", "q"):
        return True
    weight *= PREFIX_VALUE if group == "p" else 1.0
    return abs(weight) >= (PAIR_PRUNE if group == "b" else PRUNE)


def pack(table: dict[str, float]) -> dict[str, object]:
    """Keys joined by newlines and values as base64 little-endian int16 with one scale."""
    keys = list(table)
    return {"keys": "\n".join(keys), **pack_values(np.array([table[k] for k in keys], dtype=np.float64))}


def pack_values(values: np.ndarray) -> dict[str, object]:
    top = float(np.abs(values).max()) if len(values) else 0.0
    scale = top / 32767 if top > 0 else 1.0
    ints = np.round(values / scale).astype("<i2")
    return {"values": base64.b64encode(ints.tobytes()).decode("ascii"), "scale": scale}


def pack_table(keys: list[str], columns: np.ndarray) -> dict[str, object]:
    """One newline-joined key list and one packed int16 column per value (``columns[:, j]``)."""
    assert not any("\n" in k for k in keys)
    return {"keys": "\n".join(keys), "columns": [pack_values(columns[:, j]) for j in range(columns.shape[1])]}


def export(
    coefs: dict[str, tuple[DictVectorizer, np.ndarray]],
    vectors: dict[str, np.ndarray],
    calibration: list[tuple[float, float]],
    figures: dict[str, dict[str, float]],
    counts: Counter[str],
) -> None:
    """Write model.json: tables shaped for the one-pass scorer in mend/engine/coach/_model.py.

    ``words``: per word, its word weight plus (for words longer than PREFIX) its prefix weight
    plus its profanity-sum weight, then its embedding score, for each task; whether it has an
    embedding; its profanity score (for x:profmax). Words come most frequent first (``counts``,
    from the training texts), so the engine lays out the records it reads most often together.
    """
    sparse: dict[str, dict[str, np.ndarray]] = {g: {} for g in ("w", "b", "p", "q")}
    other: list[dict[str, float]] = []
    emb_w = np.zeros((len(TASKS), EMB_DIM), dtype=np.float32)
    for t, task in enumerate(TASKS):
        vec, coef = coefs[task]
        names = vec.get_feature_names_out()
        emb_w[t] = coef[len(names) :]
        other.append({})
        for name, w in zip(names, coef[: len(names)], strict=True):
            name = str(name)
            prefix, _, rest = name.partition(":")
            if prefix in sparse:
                if kept(name, w):
                    w *= PREFIX_VALUE if prefix == "p" else 1.0  # the weight per word, as scored
                    sparse[prefix].setdefault(rest, np.zeros(len(TASKS)))[t] = float(w)
            else:
                other[t][name] = round(float(w), 5)
    zero = np.zeros(len(TASKS))
    # x:prof is a per-word sum over sqrt(tokens), like word weights: fold it into them
    prof_w = np.array([other[t].pop("x:prof", 0.0) for t in range(len(TASKS))])
    profanity = {w: x / PROFANITY_SCALE for w, x in word_scores("profanity.tsv").items()}
    keys = sorted(
        set(vectors) | set(sparse["w"]) | set(NEGATORS) | set(YOU) | valence_tokens() | set(profanity),
        key=lambda word: (-counts[word], word),
    )
    rows = []
    for word in keys:
        u = sparse["w"].get(word, zero) + prof_w * profanity.get(word, 0.0)
        if len(word) > PREFIX and word[0].isalnum():
            u = u + sparse["p"].get(word[:PREFIX], zero)
            if len(word) > LONG_PREFIX:
                u = u + sparse["q"].get(word[:LONG_PREFIX], zero)
        vec_ = vectors.get(word)
        e = emb_w @ vec_ if vec_ is not None else zero
        rows.append([*u, *e, float(vec_ is not None), profanity.get(word, 0.0)])
    tables = {
        "words": pack_table(keys, np.array(rows)),
        "pairs": pack_table(list(sparse["b"]), np.array(list(sparse["b"].values()))),
        "prefixes": pack_table(list(sparse["p"]), np.array(list(sparse["p"].values()))),
        "long_prefixes": pack_table(list(sparse["q"]), np.array(list(sparse["q"].values()))),
    }
    out = {
        "_source": (
            "Trained by eval/train_coach.py on GoEmotions dev (Demszky et al. 2020, CC BY 4.0) "
            "with task A/B labels, and for hostility also on the GoEmotions train split with task A "
            "labels from its Ekman groups (eval/corpora/README.md); word embedding scores are the model's weights projected through "
            "WordLlama l2_supercat 256-d embeddings (wordllama package, MIT). Tables are packed: "
            "newline-joined keys, base64 little-endian int16 columns times their scale."
        ),
        "tasks": list(TASKS),
        "cross_validated": figures,
        "calibration": [[round(a, 6), round(b, 6)] for a, b in calibration],
        "other": other,
        **tables,
    }
    MODEL_PATH.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    size = MODEL_PATH.stat().st_size / 1e6
    print(f"wrote {MODEL_PATH} ({size:.2f} MB)")


PROFANITY_PATH = DATA_DIR / "profanity.tsv"
PROFANITY_HEADER = """\
# Word weights of an offensive-language classifier (higher = more offensive), one word a line.
# source: derived by eval/train_coach.py --profanity-lexicon from alt-profanity-check 1.9.1 (PyPI;
# Victor Zhou, Menelaos Kotoglou, Dimitrios Mistriotis; licence: MIT): the mean LinearSVC coefficient
# of its calibrated model times the word's idf in its TfidfVectorizer. Only words the coach can
# tokenise are kept. Used as training input for the hostility model (features x:prof, x:profmax).
word\tweight
"""


def write_profanity_lexicon() -> None:
    """Regenerate profanity.tsv from an installed ``alt-profanity-check==1.9.1`` (MIT).

    Needs ``pip install alt-profanity-check==1.9.1`` (it pins scikit-learn 1.9.1 and joblib 1.6.0).
    """
    import joblib
    import profanity_check

    root = Path(profanity_check.__file__).resolve().parent / "data"
    vectorizer = joblib.load(root / "vectorizer.joblib")
    model = joblib.load(root / "model.joblib")
    coef = np.mean([c.estimator.coef_[0] for c in model.calibrated_classifiers_], axis=0)
    weights = coef * vectorizer.idf_
    rows = sorted(
        (word, float(weights[i])) for word, i in vectorizer.vocabulary_.items() if TOKEN.fullmatch(word)
    )
    body = "".join(f"{w}\t{x:.3f}\n" for w, x in rows)
    PROFANITY_PATH.write_text(PROFANITY_HEADER + body, encoding="utf-8")
    print(f"wrote {PROFANITY_PATH} ({len(rows)} words)")


def valence_tokens() -> set[str]:
    return {w for w in word_scores("valence.tsv") if TOKEN.fullmatch(w)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate only")
    parser.add_argument(
        "--escalation",
        action="store_true",
        help="also retrain the conversation model (eval/train_escalation.py)",
    )
    parser.add_argument(
        "--profanity-lexicon",
        action="store_true",
        help="first regenerate data/coach/profanity.tsv from alt-profanity-check 1.9.1 (must be installed)",
    )
    parser.add_argument(
        "--escalation-only",
        action="store_true",
        help="retrain only the conversation model (eval/train_escalation.py)",
    )
    args = parser.parse_args()
    if args.profanity_lexicon:
        write_profanity_lexicon()
        word_scores.cache_clear()
    if not args.escalation_only:
        train(check_only=args.check)
    if not args.check and (args.escalation or args.escalation_only):
        from eval import train_escalation

        train_escalation.main([])


if __name__ == "__main__":
    main()
