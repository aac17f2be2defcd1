using Microsoft.Win32.SafeHandles;

namespace ContrastiveRec.Data;

/// <summary>A read-only stream over bytes start .. end-1 of a file, so that each thread can parse its own range, and a
/// reader of one part of a file (a model's weights) cannot read past it.</summary>
internal sealed class FileRangeStream : Stream
{
    private readonly SafeFileHandle _file;
    private readonly bool _ownsFile;
    private readonly long _end;
    private long _position;

    public FileRangeStream(string path, long start, long end)
        : this(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan), start, end, ownsFile: true)
    {
    }

    /// <summary>A range of a file already open (reads are positional, so the handle's other users are not disturbed).</summary>
    public FileRangeStream(SafeFileHandle file, long start, long end, bool ownsFile = false)
    {
        _file = file;
        _ownsFile = ownsFile;
        _position = start;
        _end = end;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _end - _position);
        if (wanted <= 0) return 0;
        var read = RandomAccess.Read(_file, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsFile) _file.Dispose();
        base.Dispose(disposing);
    }
}
