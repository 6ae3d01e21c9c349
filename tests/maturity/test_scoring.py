"""The scoring formula and the savings estimate on plain figures."""

from decimal import Decimal

from maturity.scoring import ServiceFigures, round_figures, savings, service_score


def test_service_score__not_adopted_scores_zero_whatever_its_levels():
    assert service_score(adopted=False, levels=[3, 3], electronic_share=100) == 0


def test_service_score__is_the_mean_of_process_and_electronic_share():
    # (3 + 3 + 0) / (3 × 3) × 100 = 66.67; (66.67 + 50) / 2 = 58.33
    score = service_score(adopted=True, levels=[3, 3, 0], electronic_share=50)
    assert round(score, 2) == Decimal("58.33")


def test_savings__payback_and_a_net_loss():
    paying = savings(
        transactions_per_year=1000,
        minutes_saved=Decimal(12),
        cost_per_hour=Decimal(50),
        investment=Decimal(20000),
        yearly_cost=Decimal(2000),
    )
    # 1000 × 12 / 60 × 50 = 10 000 gross, 8 000 net, 2.5 years.
    assert (paying.gross, paying.net, paying.payback_years) == (
        Decimal("10000.00"),
        Decimal("8000.00"),
        Decimal("2.5"),
    )
    losing = savings(
        transactions_per_year=10,
        minutes_saved=Decimal(1),
        cost_per_hour=Decimal(60),
        investment=Decimal(100),
        yearly_cost=Decimal(50),
    )
    assert losing.net == Decimal("-40.00") and losing.payback_years is None


def test_round_figures__sector_and_municipality_are_means_of_unrounded_service_scores():
    def service(code, sector, levels, share):
        return ServiceFigures(
            code=code,
            sector=sector,
            adopted=True,
            levels=dict(enumerate(levels)),
            electronic_share=share,
            savings=savings(
                transactions_per_year=0,
                minutes_saved=Decimal(0),
                cost_per_hour=Decimal(0),
                investment=Decimal(0),
                yearly_cost=Decimal(0),
            ),
        )

    figures = round_figures(
        [service("a", "x", [1], 0), service("b", "x", [2], 0), service("c", "y", [3], 100)],
        ["x", "y", "z"],
    )
    # a: 16.67, b: 33.33 → x 25.0; c: 100 → y 100.0; all three: 50.0; z has no services.
    assert [s.code for s in figures.sectors] == ["x", "y"]
    assert figures.sector("x").score == Decimal("25.0")
    assert figures.score == Decimal("50.0")
