/** The revision template `retort init` writes to `<scriptLocation>/script.ts.tmpl`. */
export const defaultRevisionTemplate = `/** \${message}
 *
 * Revision ID: \${revision}
 * Revises: \${revises}
 * Create Date: \${createDate}
 */
import type { MigrationContext } from "retort";

export const revision = \${revisionLiteral};
export const downRevision: string | string[] | null = \${downRevision};
export const branchLabels: string[] | null = \${branchLabels};
export const dependsOn: string | string[] | null = \${dependsOn};

export async function upgrade({ op, t }: MigrationContext): Promise<void> {
  \${upgrades}
}

export async function downgrade({ op, t }: MigrationContext): Promise<void> {
  \${downgrades}
}
`;

/** The values a template can use, each as `${name}`. */
export type TemplateValues = Readonly<Record<string, string>>;

/**
 * Fills `${name}` placeholders; an unknown name is left as it is, so a template can hold
 * TypeScript template literals of its own.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
