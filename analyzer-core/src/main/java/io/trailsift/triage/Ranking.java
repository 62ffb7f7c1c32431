package io.trailsift.triage;

import io.trailsift.detect.Finding;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Findings and the entities they rank under, highest score first (made by {@link Triage#rank}). */
public final class Ranking {
    private final List<Finding> findings;
    private final List<RankedEntity> entities;
    private final Map<String, RankedEntity> byEntity;

    Ranking(List<Finding> findings, List<RankedEntity> entities) {
        this.findings = List.copyOf(findings);
        this.entities = List.copyOf(entities);
        this.byEntity = entities.stream().collect(Collectors.toMap(RankedEntity::entity, Function.identity()));
    }

    /** The findings ranked, in the order they were given. */
    public List<Finding> findings() {
        return findings;
    }

    /** Every entity with a finding, highest score first. */
    public List<RankedEntity> entities() {
        return entities;
    }

    /** The entity {@code finding} ranks under; it must be one of {@link #findings}. */
    public RankedEntity of(Finding finding) {
        RankedEntity e = byEntity.get(Triage.entityOf(finding));
        if (e == null) {
            throw new IllegalArgumentException("not a finding of this ranking: " + finding.rule());
        }
        return e;
    }
}
