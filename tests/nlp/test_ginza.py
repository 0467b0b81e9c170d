"""GiNZA loading: thinc ops with numpy matrix products."""

from __future__ import annotations


def test_numpy_gemm_gives_the_products_of_thincs_own_ops() -> None:
    import numpy
    from thinc.api import NumpyOps

    from hodo.nlp.ginza import _numpy_gemm_ops

    rng = numpy.random.default_rng(0)
    ours, theirs = _numpy_gemm_ops(), NumpyOps()
    x = rng.standard_normal((7, 5), dtype="float32")
    y = rng.standard_normal((5, 3), dtype="float32")
    for t1, t2, a, b in ((False, False, x, y), (True, False, x.T.copy(), y), (False, True, x, y.T.copy())):
        want = theirs.gemm(a, b, trans1=t1, trans2=t2)
        numpy.testing.assert_allclose(ours.gemm(a, b, trans1=t1, trans2=t2), want, rtol=1e-5)
        out = numpy.empty_like(want)
        assert ours.gemm(a, b, out=out, trans1=t1, trans2=t2) is out
        numpy.testing.assert_allclose(out, want, rtol=1e-5)
