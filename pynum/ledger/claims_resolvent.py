"""Claims R1-R4: seeds/003_8262c55e15140847.txt (the phi-resolvent regularizer)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="R1",
        published='The damping 1/(1 + phi k^2) keeps low frequencies and damps high ones (between 0 and 1, decreasing in abs(k))',
        verdict="proved",
        reading=("for every real k, r(k) = 1/(1 + phi k^2) satisfies 0 < r(k) <= 1, r(k) = 1 exactly at k = 0, "
                 "r is even and strictly decreasing in abs(k), and the damped part 1 - r(k) lies in [0, 1). "
                 "On the frequencies the published sketch actually feeds it, torch.fft.fftfreq(n, d=1.0) "
                 "(bin j is j/n for 2j < n, (j-n)/n otherwise, all in [-1/2, 1/2]), the damping stays in "
                 "[4/(4+phi), 1] with 4/(4+phi) = 0.711993 (attained at the Nyquist bin -1/2 of every even "
                 "length): 'damps high frequencies' means at most a 28.8% cut in amplitude, at the highest "
                 "frequency, whatever the signal length. With two transformed axes and |k|^2 = k1^2 + k2^2 (what "
                 "the sketch's fft2 branch should use) the range is [2/(2+phi), 1], 2/(2+phi) = 0.552786"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Resolvent.resolvent_pos", "Resolvent.resolvent_le_1", "Resolvent.resolvent_eq_1_iff",
                 "Resolvent.resolvent_even", "Resolvent.resolvent_decreasing_abs",
                 "Resolvent.damped_part_range", "Resolvent.fftfreq_abs_le_half",
                 "Resolvent.fftfreq_nyquist", "Resolvent.resolvent_fftfreq_range",
                 "Resolvent.resolvent_fftfreq_min_enclosure", "Resolvent.resolvent_fftfreq_min_attained",
                 "Resolvent.resolvent_2d_fftfreq_range", "Resolvent.resolvent_2d_fftfreq_min_enclosure"),
            checks=("layers-resolvent-damping",),
            numbers={"min damping on fftfreq(n, d=1.0) frequencies, 4/(4+phi)": "0.7119928444737063",
                     "max amplitude cut on those frequencies, phi/(4+phi)": "0.2880071555262937"},
        ),
    ),
    Claim(
        id="R2",
        published="The regularizer lambda_reg * mean(abs(x_hat - filtered)^2) penalises only high-frequency energy and is bounded by the signal's energy",
        verdict="refuted",
        reading=("for a real sequence x of length n with DFT X_k and filtered_k = r(k) X_k, "
                 "R(x) = lambda * mean_k |X_k - r(k) X_k|^2 = lambda * mean_k w(k) |X_k|^2 with weight "
                 "w(k) = (1 - r(k))^2. 'Penalises only high-frequency energy' read as 'low frequencies carry "
                 "no penalty' is false: w(k) > 0 for every k != 0, in particular for the lowest non-zero bin "
                 "(bin 1) of the sketch's fftfreq grid at every length n >= 2; only the constant mode k = 0 "
                 "is free. 'Bounded by the signal's energy' is true: 0 <= R(x) <= lambda * mean_k |X_k|^2 = "
                 "lambda * sum_t x_t^2 (Parseval for the unnormalised DFT: sum_k |X_k|^2 = n sum_t x_t^2, so "
                 "the bound is the total energy, not its mean), and on the sketch's frequencies "
                 "R(x) <= lambda (phi/(4+phi))^2 sum_t x_t^2 = 0.0829 lambda sum_t x_t^2, with equality for the "
                 "alternating sequence (-1)^t of every even length, so that constant is exact"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Resolvent.damped_weight_pos", "Resolvent.damped_weight_lowest_fftfreq_pos",
                 "Resolvent.damped_weight_eq_0_iff", "Resolvent.damped_weight_increasing_abs",
                 "Resolvent.damped_weight_range", "Resolvent.parseval_dft",
                 "Resolvent.mean_spectral_energy_eq_signal_energy",
                 "Resolvent.regularizer_eq_weighted_energy", "Resolvent.regularizer_nonneg",
                 "Resolvent.regularizer_le_mean_spectral_energy", "Resolvent.regularizer_le_signal_energy",
                 "Resolvent.damped_weight_fftfreq_le", "Resolvent.damped_weight_fftfreq_max_enclosure",
                 "Resolvent.regularizer_fftfreq_le_signal_energy",
                 "Resolvent.regularizer_fftfreq_nyquist_attains"),
            checks=("layers-resolvent-bounds-parseval", "layers-resolvent-2d-axes"),
            numbers={"max weight on fftfreq(n, d=1.0) frequencies, (phi/(4+phi))^2": "0.08294812163434670"},
        ),
        correction=("the regularizer penalises every non-constant mode, with weight (1 - r(k))^2 that is 0 only "
                    "at k = 0 and strictly increasing in abs(k) (Resolvent.damped_weight_eq_0_iff, "
                    "Resolvent.damped_weight_increasing_abs), and 0 <= R(x) <= lambda (phi/(4+phi))^2 sum_t x_t^2 "
                    "<= lambda sum_t x_t^2, the first bound attained by (-1)^t (Resolvent.regularizer_nonneg, "
                    "Resolvent.regularizer_fftfreq_le_signal_energy, Resolvent.regularizer_fftfreq_nyquist_attains, "
                    "Resolvent.regularizer_le_signal_energy)"),
    ),
    Claim(
        id="R3",
        published='The published PyTorch sketch is "ready to use"',
        verdict="not-reproduced",
        reading=("run as printed (the class and the usage loop, extracted from the seed text, in a fresh Python "
                 "subprocess with torch), the sketch does not run: the page indents with non-breaking spaces "
                 "(U+00A0), and with those replaced it still stops with SyntaxError at "
                 "`torch.fft.fftfreq(x.shape[-1], d=1.0/device=torch.device('cpu'))`. Repaired to "
                 "`d=1.0, device=...`, the class runs on CPU but (a) builds its frequencies on the CPU, so a CUDA "
                 "input meets a CPU frequency tensor (torch refuses to mix a CUDA tensor with a non-scalar CPU "
                 "tensor; the GPU run of the check records it); (b) for x.dim() > 2 it takes fft2 over the last two axes "
                 "but k^2 from the last axis only, so a signal alternating along axis -2 (a Nyquist mode) gets "
                 "penalty 0 (measured here: 0.0, against 5.31e-4 for the same signal along axis -1); (c) the "
                 "usage loop uses names it never defines (dataloader, model_loss, output, target, gradients) and "
                 "applies the regularizer to 'gradients' before backward(). Verdict rule, on the check layers-published-sketch "
                 "in results/torchcheck-cuda.json: not-reproduced when its measured runs_as_written is false "
                 "(the published code does not run unchanged); reproduced only if runs_as_written is true and "
                 "repaired_sketch_on_cuda is 'runs'. Coq "
                 "adds that even repaired, its fftfreq(d=1.0) frequencies limit the damping to at most 28.8% "
                 "(Resolvent.resolvent_fftfreq_range). MEASURED (NVIDIA H100 80GB HBM3, torch 2.11): runs_as_written = false (SyntaxError on U+00A0); the repaired sketch on a CUDA input fails with 'Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu'; the project's layer runs there. Not ready to use"),
        evidence=Evidence(
            coq=("Resolvent.resolvent_fftfreq_range", "Resolvent.resolvent_fftfreq_min_enclosure"),
            checks=("layers-published-sketch", "layers-resolvent-2d-axes"),
            records=("results/torchcheck-cuda.json",),
        ),
    ),
    Claim(
        id="R4",
        published='The regularizer cuts training energy by 15-30%',
        verdict="not-reproduced",
        reading=("measured, not proved: the same model trained with and without the regularizer (same seeds, "
                 "initialisation, batch order and target loss) on one GPU; the energy to reach the target is the "
                 "difference of NVML's total-energy counter in joules, with steps and wall time beside it. "
                 "Verdict rule for results/experiment-resolvent-energy.json (the published arm is lambda_reg = "
                 "1e-4, the published default): reproduced iff numbers.published_arm_meets_claim is true, i.e. "
                 "numbers.both_arms_reached_target_all_seeds is true and numbers.published_arm_energy_reduction "
                 "= 1 - (published-arm joules)/(baseline joules), summed over the seeds, is at least 0.15; "
                 "not-reproduced when the counter was available (energy_counter.available) and that test fails "
                 "(a cut below 0.15, no cut or an increase, or a seed missing the target); the verdict stays open "
                 "if the counter was unavailable. The verdict covers that setup only. Coq bounds what the "
                 "regularizer can do at all: its value is at most (phi/(4+phi))^2 = 0.083 times lambda_reg times "
                 "the signal's energy (Resolvent.regularizer_fftfreq_le_signal_energy), about 8.3e-6 of it at "
                 "lambda_reg = 1e-4. MEASURED (NVIDIA H100 80GB HBM3, seeds 0-4, torch 2.11): every seed of all three arms reached the target loss; the published arm (lambda_reg = 1e-4) took 770-840 steps against the baseline's 760-820 (step reduction -0.5%), 23.0 s against 14.3 s of wall time, and 12,400 J against 8,857 J: the regularizer cost 40% MORE energy (energy reduction -0.40, claimed +0.15..+0.30), because it adds two FFTs per step while changing the number of steps by nothing measurable; lambda_reg = 1e-2 needed 1,050-1,130 steps and 17,021 J. Evidence for this setup, not proof"),
        evidence=Evidence(
            records=('results/experiment-resolvent-energy.json',), numbers={'baseline energy (J, 5 seeds)': '8856.7', 'published-arm energy (J)': '12399.7', 'energy reduction': '-0.400', 'step reduction': '-0.005'},
            coq=("Resolvent.regularizer_fftfreq_le_signal_energy",
                               "Resolvent.regularizer_fftfreq_nyquist_attains")),
    ),
)
