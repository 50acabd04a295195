"""`newsevents evaluate merging`: the coref gold's own mentions merged by the store, in both orders."""
from newsevents.evaluate import merging


def test_merging_the_gold_mentions_beats_the_exact_key_rule_in_either_order():
    metrics = merging.run(end_to_end=False)
    assert metrics["same in both orders"]["gold mentions"]
    read = metrics["gold mentions"]["file"]["read"]
    # docs/coref-gold.md's baseline for today's exact-key rule: CoNLL F1 0.751, pairwise recall 0.336
    assert read["conll_f1"] > 0.80 and read["pairwise_r"] > 0.6
    assert "pairwise" in merging.format_table(metrics)
