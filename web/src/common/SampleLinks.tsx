import { Link, samplePath } from '../app/router';

/** Samples as a comma-separated list, each linked to its profile. */
export function SampleLinks({ samples }: { samples: readonly string[] }) {
  return samples.map((s, i) => (
    <span key={s}>
      {i > 0 && ', '}
      <Link to={samplePath(s)} className="sample-link">
        {s}
      </Link>
    </span>
  ));
}
