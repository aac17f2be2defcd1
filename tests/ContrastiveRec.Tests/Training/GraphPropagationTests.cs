using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

public class GraphPropagationTests
{
    // 3 users, 4 movies: u0–m0, u0–m1, u1–m1, u1–m2, u2–m3. Degrees: u0 2, u1 2, u2 1; m0 1, m1 2, m2 1, m3 1.
    private static GraphPropagation HandWorked() => new(3, 4, [0, 0, 1, 1, 2], [0, 1, 1, 2, 3]);

    // One coordinate per node: users 1, 2, 3, movies 4, 5, 6, 7.
    private static Tensor Nodes() => NativeTensor.From([1f, 2f, 3f, 4f, 5f, 6f, 7f], 7, 1);

    [Fact]
    public void One_layer_sums_neighbours_with_symmetric_degree_weights()
    {
        using var scope = NewDisposeScope();
        var layer = HandWorked().Layer(Nodes()).data<float>().ToArray();
        var r2 = Math.Sqrt(2);
        double[] expected =
        [
            4 / r2 + 5 / 2.0, // u0 = m0 / √(2·1) + m1 / √(2·2)
            5 / 2.0 + 6 / r2, // u1 = m1 / √(2·2) + m2 / √(2·1)
            7,                // u2 = m3 / √(1·1)
            1 / r2,           // m0 = u0 / √(1·2)
            1 / 2.0 + 2 / 2.0, // m1 = u0 / √(2·2) + u1 / √(2·2)
            2 / r2,           // m2 = u1 / √(1·2)
            3,                // m3 = u2 / √(1·1)
        ];
        for (var i = 0; i < 7; i++) Assert.Equal(expected[i], layer[i], 5);
    }

    [Fact]
    public void Propagation_averages_the_input_and_each_layer()
    {
        using var scope = NewDisposeScope();
        var graph = HandWorked();
        var x = Nodes();
        var one = graph.Layer(x);
        var two = graph.Layer(one);
        var expected = x.add(one).add(two).div(3).data<float>().ToArray();
        var mean = graph.Propagate(x, 2).data<float>().ToArray();
        for (var i = 0; i < 7; i++) Assert.Equal(expected[i], mean[i], 6);
        Assert.Equal(x.data<float>().ToArray(), graph.Propagate(x, 0).data<float>().ToArray());
        var (_, kept) = graph.Forward(x, 2, keep: 1, noise: null);
        Assert.Equal(one.data<float>().ToArray(), kept!.data<float>().ToArray());
    }

    [Theory]
    [InlineData(2, -1)]
    [InlineData(3, 1)]
    [InlineData(2, 2)]
    public void Backward_is_the_gradient_through_the_dense_normalised_adjacency(int layers, int keep)
    {
        using var scope = NewDisposeScope();
        var graph = HandWorked();
        float[] values = [1f, 2f, 3f, 4f, 5f, 6f, 7f, -1f, 0.5f, 2f, -3f, 1f, 0f, 4f];
        var x = NativeTensor.From(values, 7, 2);
        // A loss of the mean and of the kept layer: Σ mean² + Σ 3·kept.
        var (mean, kept) = graph.Forward(x, layers, keep, noise: null);
        var gradMean = mean.mul(2);
        var gradKept = keep >= 0 ? full_like(kept!, 3) : null;
        var sparseGrad = graph.Backward(gradMean, layers, keep, gradKept).data<float>().ToArray();

        // The same function through the dense 7 × 7 matrix Â = D^-1/2 A D^-1/2, by autograd.
        var a = new float[49];
        int[] us = [0, 0, 1, 1, 2], ms = [0, 1, 1, 2, 3];
        int[] degree = [2, 2, 1, 1, 2, 1, 1];
        for (var e = 0; e < 5; e++)
        {
            int u = us[e], m = 3 + ms[e];
            a[u * 7 + m] = a[m * 7 + u] = (float)(1 / Math.Sqrt(degree[u] * degree[m]));
        }
        var adjacency = NativeTensor.From(a, 7, 7);
        var y = NativeTensor.From(values, 7, 2).requires_grad_();
        var layer = y;
        var sum = y;
        Tensor? keptDense = null;
        for (var l = 1; l <= layers; l++)
        {
            layer = adjacency.mm(layer);
            sum = sum.add(layer);
            if (l == keep) keptDense = layer;
        }
        var loss = sum.div(layers + 1).pow(2).sum();
        if (keptDense is not null) loss = loss.add(keptDense.mul(3).sum());
        loss.backward();
        var denseGrad = y.grad!.data<float>().ToArray();
        for (var i = 0; i < 14; i++) Assert.Equal(denseGrad[i], sparseGrad[i], 4);
    }

    [Fact]
    public void Noise_changes_each_propagated_layer_in_place()
    {
        using var scope = NewDisposeScope();
        var graph = HandWorked();
        var x = Nodes();
        var calls = 0;
        var (mean, kept) = graph.Forward(x, 2, keep: 1, noise: layer => { calls++; layer.add_(1); });
        Assert.Equal(2, calls);
        var one = graph.Layer(x).add(1);
        var two = graph.Layer(one).add(1);
        Assert.Equal(one.data<float>().ToArray(), kept!.data<float>().ToArray());
        var expected = x.add(one).add(two).div(3).data<float>().ToArray();
        var actual = mean.data<float>().ToArray();
        for (var i = 0; i < 7; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void Refuses_edges_outside_the_graph_and_vectors_of_the_wrong_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GraphPropagation(2, 2, [0, 2], [0, 1]));
        Assert.Throws<ArgumentException>(() => new GraphPropagation(2, 2, [0], [0, 1]));
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => HandWorked().Layer(zeros(6, 2)));
    }
}
