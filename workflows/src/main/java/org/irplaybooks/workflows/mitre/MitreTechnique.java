package org.irplaybooks.workflows.mitre;

/** A MITRE ATT&amp;CK (Enterprise, cloud) technique or sub-technique. */
public record MitreTechnique(String id, String name, String tactic) {}
