package dev.vigil.indicator;

/** An indicator found in one string, before it is given its path; {@code start} orders finds within the string. */
record Found(int start, IndicatorType type, String value, boolean routable) {
}
