/**
 * From what a runner knows about themselves to the two ceilings the guard
 * enforces. Explicit ceilings always win; otherwise they are derived:
 *
 * - Pace: a recovery run is slower than the runner's easy pace. The ceiling is
 *   easy pace plus RECOVERY_MARGIN_SEC_PER_KM (README: "The ceiling").
 * - Heart rate: the top of the recovery zone. With resting HR, 70 % of heart-rate
 *   reserve (Karvonen); with max HR alone, 76 % of max. Both are the recovery-run
 *   bounds of Pfitzinger & Douglas, "Advanced Marathoning", and sit inside zone 1
 *   of the three-zone model (below the first ventilatory threshold; Seiler 2010).
 */

/** Default slowdown from easy pace to the recovery ceiling, seconds per km. */
export const RECOVERY_MARGIN_SEC_PER_KM = 30;
/** Recovery-run ceiling as a fraction of heart-rate reserve (needs resting HR). */
export const RECOVERY_HRR_FRACTION = 0.7;
/** Recovery-run ceiling as a fraction of max HR (when resting HR is unknown). */
export const RECOVERY_HRMAX_FRACTION = 0.76;

export interface CeilingInputs {
  readonly easyPaceSecPerKm?: number;
  readonly recoveryMarginSecPerKm?: number;
  readonly paceCeilingSecPerKm?: number;
  readonly hrCeilingBpm?: number;
  readonly maxHrBpm?: number;
  readonly restHrBpm?: number;
}

export interface Ceilings {
  /** Running faster than this pace (a smaller number) is over. */
  readonly paceCeilingSecPerKm?: number;
  readonly hrCeilingBpm?: number;
  /** Where each ceiling came from, for reports. */
  readonly paceSource: 'given' | 'easy-pace' | 'none';
  readonly hrSource: 'given' | 'hr-reserve' | 'hr-max' | 'none';
}

export function deriveCeilings(inputs: CeilingInputs): Ceilings {
  const pace = derivePaceCeiling(inputs);
  const hr = deriveHrCeiling(inputs);
  return { ...pace, ...hr };
}

function derivePaceCeiling(inputs: CeilingInputs): Pick<Ceilings, 'paceCeilingSecPerKm' | 'paceSource'> {
  if (inputs.paceCeilingSecPerKm !== undefined) {
    return { paceCeilingSecPerKm: inputs.paceCeilingSecPerKm, paceSource: 'given' };
  }
  if (inputs.easyPaceSecPerKm !== undefined) {
    const margin = inputs.recoveryMarginSecPerKm ?? RECOVERY_MARGIN_SEC_PER_KM;
    return { paceCeilingSecPerKm: inputs.easyPaceSecPerKm + margin, paceSource: 'easy-pace' };
  }
  return { paceSource: 'none' };
}

function deriveHrCeiling(inputs: CeilingInputs): Pick<Ceilings, 'hrCeilingBpm' | 'hrSource'> {
  if (inputs.hrCeilingBpm !== undefined) return { hrCeilingBpm: inputs.hrCeilingBpm, hrSource: 'given' };
  const { maxHrBpm, restHrBpm } = inputs;
  if (maxHrBpm !== undefined && restHrBpm !== undefined) {
    const bpm = Math.round(restHrBpm + RECOVERY_HRR_FRACTION * (maxHrBpm - restHrBpm));
    return { hrCeilingBpm: bpm, hrSource: 'hr-reserve' };
  }
  if (maxHrBpm !== undefined) {
    return { hrCeilingBpm: Math.round(RECOVERY_HRMAX_FRACTION * maxHrBpm), hrSource: 'hr-max' };
  }
  return { hrSource: 'none' };
}
