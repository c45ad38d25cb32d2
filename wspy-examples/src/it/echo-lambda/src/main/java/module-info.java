module echo.lambda {
    requires io.wspy.server;
}
