// What a volunteer hears and feels at a busy door without looking: a high short beep and one
// buzz for an entry, a low long beep and three buzzes for a refusal. Both are best effort
// (a phone on silent, a browser without the Vibration API).
let audio: AudioContext | null = null;

export function feedback(ok: boolean): void {
  try {
    navigator.vibrate?.(ok ? 120 : [250, 100, 250, 100, 250]);
  } catch {
    /* no vibration */
  }
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = ok ? 1320 : 220;
    osc.type = ok ? 'sine' : 'square';
    gain.gain.value = 0.2;
    osc.connect(gain).connect(audio.destination);
    const now = audio.currentTime;
    osc.start(now);
    osc.stop(now + (ok ? 0.15 : 0.6));
  } catch {
    /* no audio */
  }
}
