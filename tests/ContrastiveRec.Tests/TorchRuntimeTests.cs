using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_and_computes()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = a.matmul(a);
        Assert.Equal(14f, b.item<float>());
    }
}
