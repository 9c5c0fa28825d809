"""Documents, chunking, embeddings, the vector store, keyword index, ingestion and retrieval."""
