// The profiles the browser test fills in through the form (only what the form can say), and how:
// by a code in the search box, which extra checks to make on the programme shown.
export const PROFILES = {
  adductor: {
    how: { code: "S76.2", whyNot: true, downloads: true, handout: true },
    profile: {
      age: 27, condition: "adductor_related_groin_pain", side: "left", days_since_onset: 21,
      pain: { rest: 0, walking: 2, resisted: { hip_adduction: 3 }, stretch: { hip_abduction: 2 } },
      capabilities: { weight_bearing: "full", single_leg_stance_s: 25, squeeze_ratio: 0.7, positions: { prone: false } },
      equipment: ["resistance_band", "step", "ball"], therapist_present: false, on_pain_medication: false,
    },
  },
  hamstring: {
    how: { whyNot: true },
    profile: {
      age: 24, condition: "hamstring_strain", side: "right", days_since_onset: 12, stage: "mid",
      pain: { rest: 0, walking: 1, resisted: { hip_extension: 2, knee_flexion: 2 }, stretch: { hip_flexion: 3 }, lasts_next_day: false },
      capabilities: { weight_bearing: "full", single_leg_stance_s: 30 },
      equipment: ["resistance_band", "step", "bench"], therapist_present: true,
    },
  },
  referral: {
    how: { referral: true },
    profile: {
      age: 41, condition: "hip_related_groin_pain", side: "right", days_since_onset: 4, red_flags: ["fever", "night_pain"],
      pain: { rest: 6, walking: 7, resisted: { hip_flexion: 7 } }, capabilities: { weight_bearing: "partial" },
      on_pain_medication: true,
    },
  },
  // Missing data: only what is required; nothing tested (a programme, its warnings and unmet criteria).
  missing: {
    how: {},
    profile: { age: 63, condition: "gluteal_tendinopathy", side: "both" },
  },
};

// Compared without what means the same as its absence: empty lists and objects, no therapist.
export function canonical(p) {
  const out = {};
  for (const k of Object.keys(p).sort()) {
    const v = p[k];
    if (Array.isArray(v)) { if (v.length) out[k] = [...v].sort(); }
    else if (v && typeof v === "object") { const c = canonical(v); if (Object.keys(c).length) out[k] = c; }
    else if (!(k === "therapist_present" && v === false)) out[k] = v;
  }
  return out;
}
