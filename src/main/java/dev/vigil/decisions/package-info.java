/**
 * What happens around a human decision outside the engine: the request, answer and timeout written once each to
 * the decision trail and the investigation's timeline, and the question posted to Slack with a button per option.
 */
package dev.vigil.decisions;
