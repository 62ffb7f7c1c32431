package io.trailsift.investigate;

import java.util.List;

/**
 * One item of the containment checklist: what to do, why (the evidence), and the AWS CLI
 * commands a responder would run for it. trailsift never runs them: it has no AWS access.
 */
public record ContainmentStep(String action, String why, String accountId, List<String> commands) {
}
