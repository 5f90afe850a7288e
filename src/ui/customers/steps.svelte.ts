/**
 * Drawing a heavy part of the page in steps: `step` goes 0, 1, … up to `total`, each increase
 * in a task of its own after the previous step has been painted (a frame, then a timer), so a
 * big file's results appear as several short tasks instead of one long one. Call it while a
 * component is being set up; the steps stop when the component goes away.
 */
export function drawInSteps(total: number): { readonly step: number } {
  let step = $state(0);
  $effect(() => {
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = 0;
    const next = () => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          done += 1;
          step = done;
          if (done < total) next();
        }, 0);
      });
    };
    if (total > 0) next();
    return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
  });
  return { get step() { return step; } };
}
