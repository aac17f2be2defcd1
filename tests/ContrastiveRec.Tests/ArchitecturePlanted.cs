// Planted offenders for ArchitectureTests.The_scan_finds_planted_uses: parts named like the core's that break its
// arrows on purpose. Nothing else uses them.
namespace ContrastiveRec.Tests.Planted.Data
{
    internal sealed class Holder
    {
        public Training.Trainer? Trainer;
    }
}

namespace ContrastiveRec.Tests.Planted.Training
{
    internal sealed class Trainer
    {
        public static int Epochs(Data.Holder holder) => holder.Trainer is null ? 0 : 1;
    }
}

namespace ContrastiveRec.Tests.Planted.Experiments
{
    internal static class Runner
    {
        public static int Run() => 1;
    }
}

namespace ContrastiveRec.Tests.Planted.Visualization
{
    internal static class Drawer
    {
        public static int Draw() => Training.Trainer.Epochs(new Data.Holder());

        public static Func<int> Later() => () => Experiments.Runner.Run();
    }
}
