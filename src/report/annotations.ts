// ::error / ::warning / ::notice annotations, rendered from the findings. GitHub shows at most 10 per level per
// step; findings come causes first, so a key's error is never crowded out by the instances it stopped, and the
// summary counts what was left out.
import type { Finding, RunFindings } from './findings.js'

export const ANNOTATIONS_PER_LEVEL = 10

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
  file?: string
  line?: number
}

export interface AnnotationPlan {
  shown: Annotation[]
  /** How many of each level were left out. */
  hidden: Record<Annotation['level'], number>
}

export function annotationOf(finding: Finding): Annotation {
  const subject = finding.subject ? `${finding.subject}: ` : ''
  const parts = [
    `${subject}${finding.cause}`,
    ...finding.evidence,
    ...finding.advice,
    finding.link ? `See ${finding.link}` : ''
  ]
  const annotation: Annotation = {
    level: finding.level,
    title: finding.title,
    message: parts.filter(Boolean).join(' ')
  }
  if (finding.file) {
    annotation.file = finding.file
    annotation.line = finding.line
  }
  return annotation
}

export function buildAnnotations(run: RunFindings): AnnotationPlan {
  const shown: Annotation[] = []
  const hidden = { error: 0, warning: 0, notice: 0 }
  const count = { error: 0, warning: 0, notice: 0 }
  for (const finding of run.findings) {
    if (count[finding.level] < ANNOTATIONS_PER_LEVEL) {
      count[finding.level]++
      shown.push(annotationOf(finding))
    } else hidden[finding.level]++
  }
  return { shown, hidden }
}
