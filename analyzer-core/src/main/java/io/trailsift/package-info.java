/**
 * trailsift: offline forensics for AWS CloudTrail log archives. {@link io.trailsift.Case} is the
 * door: everything an embedder needs goes through it, and the types its methods take and return.
 *
 * <p>The packages follow the data: {@code source} finds and opens objects, {@code format} reads
 * them into the {@code event} model, {@code ingest} runs that into the {@code store} (the only
 * package that speaks DuckDB), {@code detect}, {@code lineage}, {@code pivot}, {@code investigate}
 * and {@code verify} answer questions from it ({@code triage} ranks the principals and credentials
 * the findings of {@code detect} are about, for {@code investigate} and people), and {@code render}
 * shows the answers to people ({@code json} holds the shapes other tools parse).
 */
package io.trailsift;
