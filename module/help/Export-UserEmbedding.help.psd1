@{
    Synopsis    = 'Writes a model''s user (or movie) embeddings to a CSV, Parquet or .npy file that pandas and NumPy read as is.'
    Description = @'
Export-UserEmbedding writes the embedding matrix of a trained model, one row per user: the same L2-normalised vectors Get-UserEmbedding gives, in the model's order, named by the data's own ids (MovieLens numbers, or text such as u-17). With -Movies it writes the movies' unit vectors instead, the ones a UserMovie or Graph model scores movies with (the per-movie bias is not part of the matrix); the study's objective learns users only.

The format comes from the extension of -Path (or -Format, for a path whose extension names none):

.csv      A header, then one row per id: userId (or movieId), 0, 1, ..., d-1. Text ids are quoted as RFC 4180 says when they hold a comma, a quote or a line break; floats are the shortest text that reads back as the same float32, with a point. In pandas: df = pd.read_csv('users.csv', index_col=0) (add dtype={'userId': str} for text ids such as 007 that pandas would take for numbers); df.to_numpy('float32') is the matrix, bit for bit. In PowerShell: Import-Csv.

.parquet  A userId (or movieId) column, int32 or UTF-8 string as the ids are, and one float32 column per dimension, named 0 .. d-1: pd.read_parquet('users.parquet').set_index('userId') is the same frame as the CSV's, and reads the floats as they are, without text. (One column per dimension, not one list column: pandas and pyarrow then give a plain table of floats, not a column of arrays to stack.)

.npy      NumPy's format 1.0: the matrix alone, float32, little-endian, rows in order; np.load('users.npy') reads it. Its ids are written beside it in users.ids.csv (the name with .ids.csv for the extension), one per line under a userId header, in row order: np.loadtxt('users.ids.csv', dtype=np.int64, skiprows=1, ndmin=1) for whole-number ids, pd.read_csv('users.ids.csv', dtype=str)['userId'] for text ids.

Rows are streamed to the file: the export holds the matrix once, the one the model keeps after encoding its users (n x d x 4 bytes: 128 MB for 160,000 users of 200 dimensions), and never its text. Large exports show progress with the time left, and Ctrl+C stops between blocks of rows. Every file is written under a temporary name and renamed, so a stopped or failed export leaves no half file, and an earlier file as it was.

Like every writer of the module, it checks the path before any work: a folder is refused (EmbeddingPathIsFolder), an existing file is kept unless -Force (EmbeddingFileExists; for .npy the ids file too), -WhatIf writes nothing, and a folder that takes no file is EmbeddingWriteFailed. A baseline (New-BaselineRecommender) has no embeddings and is refused by name (NotAnEncoder); so is -Movies for a model of the study's objective, which learns users only (NoMovieEmbeddings).
'@
    Parameters  = @{
        Model    = 'A trained encoder from Invoke-EncoderTraining or Import-EncoderModel, usually on the pipeline: the study''s strategies, or -Objective UserMovie with any -Encoder (Id, Profile, Graph). A baseline is refused by name.'
        Path     = 'The file to write; its extension (.csv, .parquet or .npy) chooses the format. Relative paths and PowerShell drives work. For .npy, the ids go to the same name with .ids.csv for the extension.'
        Format   = 'Csv, Parquet or Npy, for a path whose extension names none (users.txt). A format other than the extension''s is refused (EmbeddingFormatMismatch).'
        Movies   = 'Write the movies'' embeddings (a UserMovie or Graph model''s movie table, by movieId) instead of the users''. The model needs its ratings, which hold the movie ids.'
        Force    = 'Replace the file (for .npy, the files) if it exists.'
        PassThru = 'Emit the written file (for .npy, the matrix and its ids file).'
        WhatIf   = 'Show what would be written without writing it.'
        Confirm  = 'Ask before writing.'
    }
    Defaults    = @{ Format = 'From the extension of -Path' }
    Inputs      = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'A trained model.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written files, with -PassThru.' }
    Examples    = @(
        @{ Title = 'Users to CSV, read back'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-UserEmbedding ./users.csv -Force; Import-Csv ./users.csv | Select-Object -First 2 userId, ''0'', ''1'', ''199'''; Remarks = 'users.csv has a header (userId,0,1,...,199) and 610 rows of 200 floats. In pandas: pd.read_csv(''users.csv'', index_col=0).' }
        @{ Title = 'Movies to Parquet, users to .npy'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 1; $model | Export-UserEmbedding ./movies.parquet -Movies -Force; $model | Export-UserEmbedding ./users.npy -Force -PassThru'; Remarks = 'movies.parquet holds a movieId column and 200 float32 columns (pd.read_parquet(''movies.parquet'').set_index(''movieId'')). users.npy is the 610 x 200 float32 matrix (np.load(''users.npy'')); -PassThru emits it and users.ids.csv, its user ids in row order.' }
        @{ Title = 'A path without a known extension'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-UserEmbedding ./users.txt -Format Csv -Force -WhatIf'; Remarks = '-Format names the format when the extension does not; -WhatIf says what would be written and writes nothing.' }
    )
    Links       = @('Get-UserEmbedding', 'Invoke-EncoderTraining', 'Import-EncoderModel')
}
