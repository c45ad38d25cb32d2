package io.wspy.server.conformance;

/**
 * How one case went against one peer.
 *
 * @param detail why it failed, or empty
 */
record CaseResult(FuzzCase fuzzCase, boolean passed, String detail) {
    static CaseResult pass(FuzzCase c) {
        return new CaseResult(c, true, "");
    }

    static CaseResult fail(FuzzCase c, String detail) {
        return new CaseResult(c, false, detail);
    }

    /** Runs a script on an open session and judges it; ends the connection normally if the script did not. */
    static CaseResult judge(FuzzCase c, FuzzSession s) {
        try {
            c.script().run(s);
            if (s.upgraded() && !s.ended()) {
                s.closeNormally();
            }
            return pass(c);
        } catch (CaseFailure f) {
            return fail(c, f.getMessage());
        } catch (Exception | AssertionError e) {
            return fail(c, "the script failed: " + e);
        }
    }
}
