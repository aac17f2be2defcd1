using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// Adam (Kingma and Ba 2015), with L2 weight decay or, when <c>decoupled</c>, AdamW's (Loshchilov and Hutter 2019).
/// The same arithmetic, in the same order, as TorchSharp's <c>optim.Adam</c> and <c>optim.AdamW</c>, whose steps pass
/// implicitly converted Scalars to libtorch (see <see cref="HeldScalars"/>); here every Scalar is held for its call.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    internal const double Beta1 = 0.9;
    internal const double Beta2 = 0.999;
    internal const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _mean;
    private readonly Tensor[] _squares;
    private double _learningRate;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly long[] _steps; // per parameter, as a parameter without a gradient takes no step
    private readonly RowWiseAdam[] _rowWise;
    // The step's denominator, for every parameter in turn: a table's worth allocated once instead of every step
    // (at a few hundred MB each step would map and fault in fresh pages, much of a large step's time in the kernel).
    private readonly Tensor _denominator;

    /// <param name="rowWise">Step embedding tables row-wise alongside <paramref name="parameters"/> (which then
    /// leave those tables out); disposed with this optimizer.</param>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0, bool decoupled = false, params RowWiseAdam[] rowWise)
    {
        _rowWise = rowWise;
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _steps = new long[_parameters.Length];
        _mean = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _squares = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _denominator = empty(_parameters.Select(p => p.numel()).DefaultIfEmpty(0).Max()).DetachFromDisposeScope();
    }

    /// <summary>The step size from the next step on, for this optimizer and its row-wise tables (a learning-rate
    /// schedule: <see cref="TrainingValidation.ReduceLearningRateAfter"/>).</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            _learningRate = value;
            foreach (var r in _rowWise) r.LearningRate = value;
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
        foreach (var r in _rowWise) r.ZeroGrad();
    }

    public void Step()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var s = new HeldScalars();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var param = _parameters[i];
            var grad = param.grad;
            if (grad is null) continue;
            var step = ++_steps[i];
            var correction1 = 1 - Math.Pow(Beta1, step);
            var correction2 = 1 - Math.Pow(Beta2, step);
            if (_decoupled) param.mul_(s[1 - _learningRate * _weightDecay]);
            else if (_weightDecay != 0) grad = grad.add(param, s[_weightDecay]);
            _mean[i].mul_(s[Beta1]).add_(grad, s[1 - Beta1]);
            _squares[i].mul_(s[Beta2]).addcmul_(grad, grad, s[1 - Beta2]);
            var denominator = _denominator.narrow(0, 0, param.numel()).view(param.shape).copy_(_squares[i]).sqrt_()
                .div_(s[Math.Sqrt(correction2)]).add_(s[Epsilon], s[1]);
            param.addcdiv_(_mean[i], denominator, s[-_learningRate / correction1]);
        }
        foreach (var r in _rowWise) r.Step(s);
    }

    public void Dispose()
    {
        foreach (var t in _mean.Concat(_squares)) t.Dispose();
        _denominator.Dispose();
        foreach (var r in _rowWise) r.Dispose();
    }
}
