enum WalkthroughModule {}
